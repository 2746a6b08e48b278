import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { dataSets, entitlements, findings, nhis, reviewItems, workflows } from "@/db/schema";
import { can, requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { ruleById } from "@/lib/domain/findings/rules";

type EntitlementRow = typeof entitlements.$inferSelect;

export type PendingApproval = {
  entitlementId: string;
  workflowId: string;
  workflowName: string;
  nhiName: string;
  dataSetName: string;
  actions: EntitlementRow["actions"];
  requestedAt: Date;
  /** Which signature the signed-in user can add. */
  side: "business" | "identity";
};

export type PendingReview = {
  reviewItemId: string;
  campaignId: string | null;
  workflowName: string;
  nhiName: string;
  dataSetName: string;
  stage: (typeof reviewItems.$inferSelect)["stage"];
  dueAt: Date;
};

export type OwnedFinding = { title: string } & Pick<
  typeof findings.$inferSelect,
  "id" | "ruleId" | "targetType" | "targetId" | "severity" | "frameworks" | "firstSeenAt"
>;

export type Queue<T> = { items: T[]; total: number };
export type MyActions = { approvals: Queue<PendingApproval>; reviews: Queue<PendingReview>; findings: Queue<OwnedFinding> };

const SHOWN = 8;
const total = sql<number>`(count(*) over ())::int`;
const empty = { items: [], total: 0 };

/**
 * What is waiting for the signed-in user: requests only they can sign (the
 * business side as the workflow's business owner, the technical side as any
 * identity owner, never their own request: DESIGN invariant 2), their pending
 * review items, and the open findings they own. Oldest or most urgent first.
 */
export async function listMyActions(actor: Actor): Promise<MyActions> {
  requirePermission(actor, "entitlements.read");
  requirePermission(actor, "reviews.read");
  requirePermission(actor, "findings.read");
  const me = actor.userId;
  if (!me) return { approvals: empty, reviews: empty, findings: empty };

  const businessSide = and(eq(workflows.businessOwnerId, me), isNull(entitlements.businessApprovedById));
  const identitySide = can(actor, "entitlements.approve_identity") ? isNull(entitlements.identityApprovedById) : undefined;

  const [approvalRows, reviewRows, findingRows] = await Promise.all([
    db
      .select({
        entitlementId: entitlements.id,
        workflowId: workflows.id,
        workflowName: workflows.name,
        nhiName: nhis.name,
        dataSetName: dataSets.name,
        actions: entitlements.actions,
        requestedAt: entitlements.createdAt,
        businessOwnerId: workflows.businessOwnerId,
        businessApproved: sql<boolean>`${entitlements.businessApprovedById} is not null`,
        total,
      })
      .from(entitlements)
      .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
      .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
      .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
      .where(
        and(
          eq(entitlements.status, "pending"),
          sql`${entitlements.requestedById} is distinct from ${me}`,
          identitySide ? or(businessSide, identitySide) : businessSide,
        ),
      )
      .orderBy(asc(entitlements.createdAt), asc(entitlements.id))
      .limit(SHOWN),
    db
      .select({
        reviewItemId: reviewItems.id,
        campaignId: reviewItems.campaignId,
        workflowName: workflows.name,
        nhiName: nhis.name,
        dataSetName: dataSets.name,
        stage: reviewItems.stage,
        dueAt: reviewItems.dueAt,
        total,
      })
      .from(reviewItems)
      .innerJoin(entitlements, eq(entitlements.id, reviewItems.entitlementId))
      .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
      .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
      .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
      .where(and(eq(reviewItems.reviewerId, me), eq(reviewItems.status, "pending")))
      .orderBy(asc(reviewItems.dueAt), asc(reviewItems.id))
      .limit(SHOWN),
    db
      .select({
        id: findings.id,
        ruleId: findings.ruleId,
        targetType: findings.targetType,
        targetId: findings.targetId,
        severity: findings.severity,
        frameworks: findings.frameworks,
        firstSeenAt: findings.firstSeenAt,
        total,
      })
      .from(findings)
      .where(and(eq(findings.ownerId, me), eq(findings.status, "open")))
      .orderBy(desc(findings.severity), asc(findings.firstSeenAt), asc(findings.id))
      .limit(SHOWN),
  ]);

  return {
    approvals: {
      items: approvalRows.map(({ total: _t, businessOwnerId, businessApproved, ...r }) => ({
        ...r,
        // When both signatures are open and the user could give either, theirs as business owner comes first.
        side: businessOwnerId === me && !businessApproved ? "business" : "identity",
      })),
      total: approvalRows[0]?.total ?? 0,
    },
    reviews: { items: reviewRows.map(({ total: _t, ...r }) => r), total: reviewRows[0]?.total ?? 0 },
    // The rule's title, as the Findings page names it; the id is for machines.
    findings: { items: findingRows.map(({ total: _t, ...r }) => ({ ...r, title: ruleById(r.ruleId)?.title ?? r.ruleId })), total: findingRows[0]?.total ?? 0 },
  };
}
