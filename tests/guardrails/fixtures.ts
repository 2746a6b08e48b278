import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { accessExceptions, entitlements, policies } from "@/db/schema";
import { createDataSet, createEntitlement, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { userActor } from "@/lib/domain/actor";
import { activatePolicyVersion, createPolicy, createPolicyVersion } from "@/lib/domain/guardrails/manage-policies";
import { evaluateAccess } from "@/lib/domain/runtime/evaluate";
import { ask, pep } from "../runtime/fixtures";

export { ask, code, pep } from "../runtime/fixtures";

type Facts = {
  nhi?: Partial<Parameters<typeof createNhi>[1]>;
  dataSet?: Partial<Parameters<typeof createDataSet>[1]>;
  workflow?: Partial<Parameters<typeof createWorkflow>[1]>;
  actions?: ("read" | "write" | "delete" | "admin")[];
  jit?: boolean;
};

/** An identity owner acting directly on the domain. */
export async function policyOwner() {
  return userActor(await createUser(db, { roles: ["identity_owner"] }));
}

/**
 * An active grant whose NHI, data set and workflow carry the given facts
 * (defaults: prod everywhere, internal data, an assistive in-house workflow),
 * with `ask(action, options)` asking exactly about it.
 */
export async function grantWith(facts: Facts = {}) {
  const actions = facts.actions ?? ["read", "write", "delete", "admin"];
  const dataSet = await createDataSet(db, { sensitivity: "internal", environment: "prod", ...facts.dataSet });
  const workflow = await createWorkflow(db, { ...facts.workflow, dataSets: [{ dataSetId: dataSet.id, actions, justification: "test" }] });
  const nhi = await createNhi(db, { environment: "prod", ...facts.nhi });
  const e = await createEntitlement(db, { workflowId: workflow.id, dataSetId: dataSet.id, nhiId: nhi.id, actions, jit: facts.jit ?? false });
  return {
    e,
    workflow,
    dataSet,
    nhi,
    ask: (action: string, options: { token?: string; now?: Date } = {}) =>
      options.now
        ? askAt(options.now, { subject: nhi.id, resource: dataSet.id, action, token: options.token })
        : ask({ subject: nhi.id, resource: dataSet.id, action, token: options.token }),
  };
}

/** Asks with a fixed decision time (the hour request-context guardrails see). */
export function askAt(now: Date, a: { subject: string; resource: string; action: string; token?: string }) {
  return evaluateAccess(
    { subject: { type: "nhi", id: a.subject }, action: { name: a.action }, resource: { type: "data_set", id: a.resource }, context: a.token ? { token: a.token } : undefined },
    pep,
    { now },
  );
}

/** An approved exception of the workflow on the data set, expiring in an hour unless told. */
export async function approvedException(workflowId: string, dataSetId: string, actions: ("read" | "write" | "delete" | "admin")[], expiresAt = new Date(Date.now() + 3_600_000)) {
  const [row] = await db
    .insert(accessExceptions)
    .values({ workflowId, dataSetId, actions, reason: "test exception", status: "approved", expiresAt, decidedAt: new Date() })
    .returning();
  return row!;
}

/** Creates a policy and activates its first version. */
export async function activePolicy(source: string, name = `test-${crypto.randomBytes(4).toString("hex")}`) {
  const owner = await policyOwner();
  const created = await createPolicy(owner, { name, description: "", source });
  const versionId = created.versions[0]!.id;
  const activation = await activatePolicyVersion(owner, versionId, {});
  return { owner, name, policyId: created.id, versionId, activation };
}

/** Saves a new draft version of a policy; returns the new version's id. */
export async function newVersion(policyId: string, source: string) {
  const detail = await createPolicyVersion(await policyOwner(), policyId, { source });
  return detail.versions[0]!.id;
}

export async function storedVerdict(entitlementId: string) {
  const [row] = await db
    .select({ facts: entitlements.guardrailFacts, forbiddenBy: entitlements.guardrailForbiddenBy })
    .from(entitlements)
    .where(eq(entitlements.id, entitlementId));
  return row!;
}

export async function policyRows(name: string) {
  return db.select().from(policies).where(eq(policies.name, name)).orderBy(policies.version);
}

/** A decision time at the given UTC hour today. */
export const atHour = (hour: number) => {
  const d = new Date();
  d.setUTCHours(hour, 30, 0, 0);
  return d;
};
