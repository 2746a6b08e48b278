import { eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db";
import { dataSets, workflowDataSets } from "@/db/schema";
import type { DATA_ACTIONS } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";

type Action = (typeof DATA_ACTIONS)[number];
export type ApprovedDataSet = { dataSetId: string; actions: Action[]; justification: string };
export type ApprovalDelta = { dataSetId: string; dataSetName: string; actions: Action[] };

/** Replaces a workflow's approved data sets and reports what was added (widened) and removed (narrowed). */
export async function replaceApprovedDataSets(tx: Transaction, workflowId: string, next: ApprovedDataSet[]) {
  await assertDataSetsExist(tx, next.map((d) => d.dataSetId));
  const previous = await tx.select().from(workflowDataSets).where(eq(workflowDataSets.workflowId, workflowId));
  const before = new Map(previous.map((p) => [p.dataSetId, p.actions]));
  const after = new Map(next.map((n) => [n.dataSetId, n.actions]));

  const diff = (from: Map<string, Action[]>, to: Map<string, Action[]>) =>
    [...to].flatMap(([id, actions]) => {
      const extra = actions.filter((a) => !(from.get(id) ?? []).includes(a));
      return extra.length ? [{ dataSetId: id, actions: extra }] : [];
    });
  const widened = diff(before, after);
  const narrowed = diff(after, before);

  await tx.delete(workflowDataSets).where(eq(workflowDataSets.workflowId, workflowId));
  if (next.length) await tx.insert(workflowDataSets).values(next.map((n) => ({ ...n, workflowId })));

  const names = await dataSetNames(tx, [...widened, ...narrowed].map((d) => d.dataSetId));
  const named = (list: { dataSetId: string; actions: Action[] }[]): ApprovalDelta[] =>
    list.map((d) => ({ ...d, dataSetName: names.get(d.dataSetId) ?? d.dataSetId }));
  return { widened: named(widened), narrowed: named(narrowed) };
}

export async function assertDataSetsExist(tx: Transaction, ids: string[]) {
  if (ids.length === 0) return;
  const found = new Set((await tx.select({ id: dataSets.id }).from(dataSets).where(inArray(dataSets.id, ids))).map((r) => r.id));
  const errors = ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `dataSets.${i}.dataSetId`, message: "no such data set" }]));
  if (errors.length) throw new AppError("validation", errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors);
}

async function dataSetNames(tx: Transaction, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await tx.select({ id: dataSets.id, name: dataSets.name }).from(dataSets).where(inArray(dataSets.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
