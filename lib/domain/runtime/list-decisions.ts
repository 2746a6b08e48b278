import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { dataSets, decisions, nhis, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import type { ListDecisionsQuery } from "@/lib/validation/decisions";

export type DecisionListItem = {
  id: string;
  decidedAt: Date;
  decision: boolean;
  reasonCode: string | null;
  reasonMessage: string | null;
  action: string;
  /** As the caller named them, for decisions whose subject or resource did not resolve. */
  subject: string;
  resource: string;
  identity: { id: string; name: string } | null;
  dataSet: { id: string; name: string } | null;
  workflow: { id: string; name: string } | null;
  entitlementId: string | null;
};

const cursorShape = z.object({ decidedAt: z.string(), id: z.string() });

/** The decision log, newest first, keyset-paginated on (decided_at, id). */
export async function listDecisions(actor: Actor, query: ListDecisionsQuery): Promise<Page<DecisionListItem>> {
  requirePermission(actor, "decisions.read");
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await db
    .select({
      row: decisions,
      // Microsecond-exact cursor: a flush writes many decisions within one millisecond.
      cursorTime: sql<string>`to_char(${decisions.decidedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      nhiName: nhis.name,
      dataSetName: dataSets.name,
      workflowName: workflows.name,
    })
    .from(decisions)
    .leftJoin(nhis, eq(nhis.id, decisions.nhiId))
    .leftJoin(dataSets, eq(dataSets.id, decisions.dataSetId))
    .leftJoin(workflows, eq(workflows.id, decisions.workflowId))
    .where(
      and(
        query.identityId ? eq(decisions.nhiId, query.identityId) : undefined,
        query.dataSetId ? eq(decisions.dataSetId, query.dataSetId) : undefined,
        query.decision !== undefined ? eq(decisions.decision, query.decision) : undefined,
        query.from ? gte(decisions.decidedAt, new Date(query.from)) : undefined,
        query.to ? lte(decisions.decidedAt, new Date(query.to)) : undefined,
        after ? sql`(${decisions.decidedAt}, ${decisions.id}) < (${after.decidedAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(decisions.decidedAt), desc(decisions.id))
    .limit(query.limit + 1);

  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ row, nhiName, dataSetName, workflowName }) => ({
      id: row.id,
      decidedAt: row.decidedAt,
      decision: row.decision,
      reasonCode: row.reasonCode,
      reasonMessage: row.reasonMessage,
      action: row.action,
      subject: row.subject,
      resource: row.resource,
      identity: row.nhiId && nhiName !== null ? { id: row.nhiId, name: nhiName } : null,
      dataSet: row.dataSetId && dataSetName !== null ? { id: row.dataSetId, name: dataSetName } : null,
      workflow: row.workflowId && workflowName !== null ? { id: row.workflowId, name: workflowName } : null,
      entitlementId: row.entitlementId,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ decidedAt: last.cursorTime, id: last.row.id }) : null,
  };
}
