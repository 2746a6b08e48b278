import { type SQL, aliasedTable, and, eq, inArray, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { dataSets, entitlements, nhis, reviewCampaigns, reviewItems, users, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import type { ListReviewsQuery } from "@/lib/validation/reviews";

const businessApprover = aliasedTable(users, "business_approver");
const identityApprover = aliasedTable(users, "identity_approver");
const reviewer = aliasedTable(users, "reviewer");
const delegator = aliasedTable(users, "delegator");

/**
 * Risk tier of a grant, the DESIGN.md cadence rule read backwards: 3 for a
 * privileged NHI, restricted data or an autonomous workflow; 2 confidential; else 1.
 */
const riskSql = sql<number>`(case
  when ${nhis.classification} = 'privileged' or ${dataSets.sensitivity} = 'restricted' or ${workflows.autonomy} = 'autonomous' then 3
  when ${dataSets.sensitivity} = 'confidential' then 2 else 1 end)`;
// Cursors carry milliseconds; compare at that precision so same-millisecond rows are not skipped.
const dueMs = sql`date_trunc('milliseconds', ${reviewItems.dueAt})`;
const cursorShape = z.object({ risk: z.number().int(), dueAt: z.string(), id: z.uuid() });

const NOBODY = "00000000-0000-0000-0000-000000000000";

/** Identity owners own the cadence, auditors read everything, admins run campaigns: they see every item. */
export function seesAllReviews(actor: Actor): boolean {
  return actor.kind === "system" || hasRole(actor, "identity_owner") || hasRole(actor, "auditor") || hasRole(actor, "admin");
}

/** Object-level visibility: your items, plus the items of workflows you own as the business side. */
function visibleTo(actor: Actor): SQL | undefined {
  if (seesAllReviews(actor)) return undefined;
  const me = actor.userId ?? NOBODY;
  return or(eq(reviewItems.reviewerId, me), eq(workflows.businessOwnerId, me));
}

/**
 * Review items, riskiest first, then by due date. Filters: reviewer (me or a
 * user id), status, campaign, workflow. Pending items whose entitlement is no
 * longer active have nothing to decide and are never shown (the sweep closes
 * them). The page is chosen on the (reviewer, status, due) index first and
 * only its rows get the heavier reviewer context.
 */
export async function listReviews(actor: Actor, query: ListReviewsQuery, now: Date = new Date()): Promise<Page<ReviewRow>> {
  requirePermission(actor, "reviews.read");
  const after = decodeCursor(query.cursor, cursorShape);
  const picked = await pageQuery(actor, query, after);
  const pageIds = picked.slice(0, query.limit);
  const rows = pageIds.length ? await loadContext(pageIds.map((p) => p.id)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = pageIds.flatMap((p) => {
    const row = byId.get(p.id);
    return row ? [toReviewRow(row, p.risk, now)] : [];
  });
  const last = pageIds.at(-1);
  return {
    items,
    nextCursor: picked.length > query.limit && last ? encodeCursor({ risk: last.risk, dueAt: last.dueAt.toISOString(), id: last.id }) : null,
  };
}

/** The page of ids, chosen on the queue index before any per-row context is computed (exported for EXPLAIN tests). */
export function pageQuery(actor: Actor, query: ListReviewsQuery, after: z.infer<typeof cursorShape> | undefined = decodeCursor(query.cursor, cursorShape)) {
  const reviewerId = query.reviewer === "me" ? (actor.userId ?? NOBODY) : query.reviewer;
  return db
    .select({ id: reviewItems.id, risk: riskSql, dueAt: reviewItems.dueAt })
    .from(reviewItems)
    .innerJoin(entitlements, eq(entitlements.id, reviewItems.entitlementId))
    .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
    .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
    .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
    .where(
      and(
        reviewerId ? eq(reviewItems.reviewerId, reviewerId) : undefined,
        query.status ? eq(reviewItems.status, query.status) : undefined,
        query.campaignId ? eq(reviewItems.campaignId, query.campaignId) : undefined,
        query.workflowId ? eq(entitlements.workflowId, query.workflowId) : undefined,
        sql`(${reviewItems.status} <> 'pending' or ${entitlements.status} = 'active')`,
        visibleTo(actor),
        after ? sql`(-${riskSql}, ${dueMs}, ${reviewItems.id}) > (${-after.risk}::int, ${after.dueAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(sql`${riskSql} desc`, dueMs, reviewItems.id)
    .limit(query.limit + 1);
}

/** "My reviews": the caller's open items. */
export function listReviewQueue(actor: Actor, page: { limit?: number; cursor?: string } = {}, now: Date = new Date()) {
  return listReviews(actor, { reviewer: "me", status: "pending", limit: page.limit ?? 50, cursor: page.cursor }, now);
}

/** Everything a reviewer needs on the row, for the handful of items on one page. */
function loadContext(ids: string[]) {
  return db
    .select({
      id: reviewItems.id,
      campaignId: reviewItems.campaignId,
      campaignName: reviewCampaigns.name,
      stage: reviewItems.stage,
      status: reviewItems.status,
      decision: reviewItems.decision,
      rationale: reviewItems.rationale,
      decidedAt: reviewItems.decidedAt,
      closedReason: reviewItems.closedReason,
      dueAt: reviewItems.dueAt,
      escalationLevel: reviewItems.escalationLevel,
      delegationReason: reviewItems.delegationReason,
      createdAt: reviewItems.createdAt,
      reviewer: { id: reviewer.id, name: reviewer.name },
      delegatedFrom: { id: delegator.id, name: delegator.name },
      entitlement: {
        id: entitlements.id,
        status: entitlements.status,
        actions: entitlements.actions,
        jit: entitlements.jit,
        cadenceDays: entitlements.cadenceDays,
        lastReviewedAt: entitlements.lastReviewedAt,
        nextReviewAt: entitlements.nextReviewAt,
        justification: entitlements.justification,
      },
      workflow: { id: workflows.id, name: workflows.name, autonomy: workflows.autonomy },
      identity: { id: nhis.id, name: nhis.name, provider: nhis.provider, classification: nhis.classification, lastUsedAt: nhis.lastUsedAt },
      dataSet: { id: dataSets.id, name: dataSets.name, sensitivity: dataSets.sensitivity, environment: dataSets.environment },
      businessApproverName: businessApprover.name,
      businessApprovedAt: entitlements.businessApprovedAt,
      identityApproverName: identityApprover.name,
      identityApprovedAt: entitlements.identityApprovedAt,
      // Findings about the NHI, this grant, or a credential the grant can be used with.
      openFindings: sql<number>`(select count(*)::int from findings f where f.status = 'open' and (
          (f.target_type in ('nhi', 'identity') and f.target_id = ${nhis.id})
          or (f.target_type = 'entitlement' and f.target_id = ${entitlements.id})
          or (f.target_type = 'credential' and f.target_id in (select c.id from credentials c
                where c.nhi_id = ${nhis.id} and (c.entitlement_id is null or c.entitlement_id = ${entitlements.id})))))`,
      // The oldest live static secret this grant can be used with: scoped to it, or held by the NHI unscoped.
      oldestCredentialAt: sql<string | null>`(select to_json(min(coalesce(c.last_rotated_at, c.issued_at)))#>>'{}' from credentials c
        where c.nhi_id = ${nhis.id} and c.status = 'active' and c.kind <> 'jit_token'
          and (c.entitlement_id is null or c.entitlement_id = ${entitlements.id}))`,
    })
    .from(reviewItems)
    .innerJoin(entitlements, eq(entitlements.id, reviewItems.entitlementId))
    .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
    .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
    .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
    .leftJoin(reviewCampaigns, eq(reviewCampaigns.id, reviewItems.campaignId))
    .leftJoin(reviewer, eq(reviewer.id, reviewItems.reviewerId))
    .leftJoin(delegator, eq(delegator.id, reviewItems.delegatedFromId))
    .leftJoin(businessApprover, eq(businessApprover.id, entitlements.businessApprovedById))
    .leftJoin(identityApprover, eq(identityApprover.id, entitlements.identityApprovedById))
    .where(inArray(reviewItems.id, ids));
}

type ContextRow = Awaited<ReturnType<typeof loadContext>>[number];

function toReviewRow(r: ContextRow, risk: number, now: Date) {
  const oldest = r.oldestCredentialAt ? new Date(r.oldestCredentialAt) : null;
  const { businessApproverName, businessApprovedAt, identityApproverName, identityApprovedAt, ...rest } = r;
  return {
    ...rest,
    businessApproval: businessApprovedAt ? { name: businessApproverName ?? "a removed user", at: businessApprovedAt } : null,
    identityApproval: identityApprovedAt ? { name: identityApproverName ?? "a removed user", at: identityApprovedAt } : null,
    risk,
    reviewer: r.reviewer?.id ? r.reviewer : null,
    delegatedFrom: r.delegatedFrom?.id ? r.delegatedFrom : null,
    campaign: r.campaignId ? { id: r.campaignId, name: r.campaignName ?? "" } : null,
    overdue: r.status === "pending" && r.dueAt.getTime() < now.getTime(),
    oldestCredentialAt: oldest,
    credentialAgeDays: oldest ? Math.floor((now.getTime() - oldest.getTime()) / 86_400_000) : null,
  };
}

export type ReviewRow = ReturnType<typeof toReviewRow>;
