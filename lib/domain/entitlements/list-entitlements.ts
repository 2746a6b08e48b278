import { aliasedTable, and, desc, eq, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { dataSets, entitlements, nhis, users, workflowEscalationSteps, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import type { ListEntitlementsQuery } from "@/lib/validation/entitlements";

const requesters = aliasedTable(users, "requester");
const cursorShape = z.object({ createdAt: z.string(), id: z.uuid() });
// Cursors carry milliseconds; compare at that precision so same-millisecond rows are not skipped.
const createdMs = sql`date_trunc('milliseconds', ${entitlements.createdAt})`;

/**
 * Entitlements, newest first. `inbox=mine` is the Requests inbox: pending
 * requests waiting for a side the caller may sign (and did not request);
 * `inbox=requested` lists the caller's own requests.
 */
export async function listEntitlements(actor: Actor, query: ListEntitlementsQuery) {
  requirePermission(actor, "entitlements.read");
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await db
    .select({
      id: entitlements.id,
      status: entitlements.status,
      actions: entitlements.actions,
      jit: entitlements.jit,
      maxTtlSeconds: entitlements.maxTtlSeconds,
      expiresAt: entitlements.expiresAt,
      justification: entitlements.justification,
      createdAt: entitlements.createdAt,
      businessApprovedAt: entitlements.businessApprovedAt,
      identityApprovedAt: entitlements.identityApprovedAt,
      deniedAt: entitlements.deniedAt,
      denialComment: entitlements.denialComment,
      nextReviewAt: entitlements.nextReviewAt,
      exceedsApprovalSince: entitlements.exceedsApprovalSince,
      requestedById: entitlements.requestedById,
      businessApprovedById: entitlements.businessApprovedById,
      identityApprovedById: entitlements.identityApprovedById,
      isDelegate: sql<boolean>`exists (select 1 from ${workflowEscalationSteps} s where s.workflow_id = ${workflows.id} and s.user_id = ${actor.userId ?? null})`,
      requesterName: requesters.name,
      workflow: { id: workflows.id, name: workflows.name, businessOwnerId: workflows.businessOwnerId },
      identity: { id: nhis.id, name: nhis.name, provider: nhis.provider, classification: nhis.classification },
      dataSet: { id: dataSets.id, name: dataSets.name, sensitivity: dataSets.sensitivity, environment: dataSets.environment },
    })
    .from(entitlements)
    .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
    .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
    .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
    .leftJoin(requesters, eq(requesters.id, entitlements.requestedById))
    .where(
      and(
        query.id ? eq(entitlements.id, query.id) : undefined,
        query.status ? eq(entitlements.status, query.status) : undefined,
        query.workflowId ? eq(entitlements.workflowId, query.workflowId) : undefined,
        query.identityId ? eq(entitlements.nhiId, query.identityId) : undefined,
        query.dataSetId ? eq(entitlements.dataSetId, query.dataSetId) : undefined,
        query.inbox === "requested" ? eq(entitlements.requestedById, actor.userId ?? sql`null`) : undefined,
        query.inbox === "mine" ? waitingFor(actor) : undefined,
        after ? sql`(${createdMs}, ${entitlements.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(createdMs), desc(entitlements.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((r) => ({ ...r, waitingFor: waitingSides(actor, r) }));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  } satisfies Page<unknown>;
}

/** Pending, not requested by me, and a side I may sign is still open. */
function waitingFor(actor: Actor) {
  const me = actor.userId ?? "00000000-0000-0000-0000-000000000000";
  // One person never signs both sides, so a side already signed by me rules out the other.
  const businessSide = and(
    isNull(entitlements.businessApprovedById),
    sql`${entitlements.identityApprovedById} is distinct from ${me}`,
    or(
      eq(workflows.businessOwnerId, me),
      sql`exists (select 1 from ${workflowEscalationSteps} s where s.workflow_id = ${workflows.id} and s.user_id = ${me})`,
    ),
  );
  const identitySide = hasRole(actor, "identity_owner")
    ? and(isNull(entitlements.identityApprovedById), sql`${entitlements.businessApprovedById} is distinct from ${me}`)
    : sql`false`;
  return and(
    eq(entitlements.status, "pending"),
    sql`${entitlements.requestedById} is distinct from ${me}`,
    or(businessSide, identitySide),
  );
}

/** Which sides the caller could still sign on a row (for the inbox buttons). */
function waitingSides(
  actor: Actor,
  r: {
    status: string;
    requestedById: string | null;
    businessApprovedById: string | null;
    identityApprovedById: string | null;
    isDelegate: boolean;
    workflow: { businessOwnerId: string | null };
  },
) {
  const me = actor.userId;
  if (r.status !== "pending" || !me || r.requestedById === me) return [];
  const sides: ("business" | "identity")[] = [];
  if (!r.businessApprovedById && (r.workflow.businessOwnerId === me || r.isDelegate) && r.identityApprovedById !== me) sides.push("business");
  if (!r.identityApprovedById && hasRole(actor, "identity_owner") && r.businessApprovedById !== me) sides.push("identity");
  return sides;
}
