import { and, eq, isNull, ne } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { dataSets, entitlements, nhis, reviewItems, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { onCampaignItemDecided } from "@/lib/domain/campaigns/advance-stage";
import { AppError, isAppError } from "@/lib/errors";
import type { BulkDecideReviewsInput, DecideReviewInput } from "@/lib/validation/reviews";
import { certifyGrant, delegateItem, narrowGrant, revokeGrant, type ReviewContext } from "./apply-decision";
import { seesAllReviews } from "./list-reviews";
import { isEligibleReviewer } from "./reviewer-sql";

export type ReviewDecisionResult = {
  id: string;
  status: "pending" | "decided" | "closed";
  decision: DecideReviewInput["decision"];
  entitlementId: string;
  reviewerId: string | null;
  nextReviewAt: Date | null;
  revocationId: string | null;
};

/**
 * One reviewer decision on one review item, in one transaction: the item row
 * is locked first, so a double click or two people acting at once end with
 * exactly one decision and a 409 for the other. Invariant 8: revoke is a real
 * revocation (invariant 3), certify moves the next review date by the cadence.
 */
export async function decideReviewItem(actor: Actor, itemId: string, input: DecideReviewInput, now: Date = new Date()): Promise<ReviewDecisionResult> {
  requirePermission(actor, "reviews.decide");
  return db.transaction((tx) => decideLocked(tx, actor, itemId, input, now));
}

export type BulkDecisionResult = {
  results: ({ id: string; ok: true; result: ReviewDecisionResult } | { id: string; ok: false; status: number; error: string })[];
  decided: number;
  failed: number;
};

/** Bulk certify/revoke: each item in its own transaction, so one stale or foreign item does not block the rest. */
export async function decideReviewItems(actor: Actor, input: BulkDecideReviewsInput, now: Date = new Date()): Promise<BulkDecisionResult> {
  requirePermission(actor, "reviews.decide");
  const results: BulkDecisionResult["results"] = [];
  for (const id of new Set(input.itemIds)) {
    try {
      results.push({ id, ok: true, result: await decideReviewItem(actor, id, { decision: input.decision, rationale: input.rationale }, now) });
    } catch (error) {
      if (!isAppError(error)) console.error(`[reviews] bulk decision on ${id} failed:`, error instanceof Error ? error.stack : error);
      results.push({
        id,
        ok: false,
        status: isAppError(error) ? error.status : 500,
        error: isAppError(error) ? error.message : "Something went wrong with this item; try it again on its own.",
      });
    }
  }
  const decided = results.filter((r) => r.ok).length;
  return { results, decided, failed: results.length - decided };
}

async function decideLocked(tx: Transaction, actor: Actor, itemId: string, input: DecideReviewInput, now: Date): Promise<ReviewDecisionResult> {
  const [item] = await tx.select().from(reviewItems).where(eq(reviewItems.id, itemId)).for("update");
  if (!item) throw AppError.notFound("Review item");
  const [grant] = await tx
    .select({ entitlement: entitlements, workflow: workflows, identity: nhis, dataSet: dataSets })
    .from(entitlements)
    .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
    .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
    .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
    .where(eq(entitlements.id, item.entitlementId))
    .for("update", { of: entitlements });
  if (!grant) throw AppError.notFound("Review item");

  if (item.reviewerId === null || item.reviewerId !== actor.userId) {
    // Someone who may see the item learns why they cannot act; anyone else learns nothing about it.
    const visible = seesAllReviews(actor) || grant.workflow.businessOwnerId === actor.userId;
    if (!visible) throw AppError.notFound("Review item");
    throw AppError.forbidden("Only the assigned reviewer can decide this review item");
  }
  if (item.status !== "pending") throw AppError.conflict(`This review item is already ${item.status}${item.decision ? ` (${item.decision})` : ""}`);
  if (grant.entitlement.status !== "active") throw AppError.conflict("The entitlement is no longer active: there is nothing left to decide");
  // Separation of duties is re-checked now: the grant's approvers may have changed since the item was assigned.
  if (!isEligibleReviewer(actor.userId, grant.entitlement)) {
    throw AppError.forbidden("You requested or approved this access on the identity side, so you cannot review it (separation of duties)");
  }
  const rationale = input.rationale?.trim() || null;
  if (input.decision !== "certify" && !rationale) throw AppError.invalid("rationale", `is required to ${input.decision}`);

  const ctx: ReviewContext = { tx, actor, item, ...grant, rationale, now };
  if (input.decision === "delegate") {
    const updated = await delegateItem(ctx, input.delegateTo);
    await recordAuditEvent(tx, actor, {
      action: "review.delegated",
      targetType: "review_item",
      targetId: item.id,
      reason: rationale,
      before: { reviewerId: item.reviewerId },
      after: { reviewerId: updated.reviewerId, entitlementId: item.entitlementId, campaignId: item.campaignId },
    });
    return summary(updated, "delegate", grant.entitlement.nextReviewAt, null);
  }

  let nextReviewAt: Date;
  let narrowed: string[] | null = null;
  let announce: (() => Promise<string | null>) | null = null;
  if (input.decision === "revoke") {
    announce = await revokeGrant(ctx);
    nextReviewAt = grant.entitlement.nextReviewAt ?? now;
  } else {
    if (input.decision === "modify") narrowed = await narrowGrant(ctx, input.actions);
    nextReviewAt = await certifyGrant(ctx);
  }

  const [decided] = await tx
    .update(reviewItems)
    .set({
      status: "decided",
      decision: input.decision,
      rationale,
      narrowedActions: narrowed as (typeof item.narrowedActions) | null,
      decidedById: actor.userId,
      decidedAt: now,
    })
    .where(eq(reviewItems.id, item.id))
    .returning();
  // Whatever other open cadence review the grant had is answered by this decision.
  await tx
    .update(reviewItems)
    .set({ status: "closed", closedReason: `Answered by the ${input.decision} decision on review item ${item.id}` })
    .where(and(eq(reviewItems.entitlementId, item.entitlementId), isNull(reviewItems.campaignId), eq(reviewItems.status, "pending"), ne(reviewItems.id, item.id)));
  if (decided!.campaignId) await onCampaignItemDecided(tx, decided!, now);

  const revocationId = announce ? await announce() : null;
  await recordAuditEvent(tx, actor, {
    action: `review.${decided!.decision === "certify" ? "certified" : decided!.decision === "modify" ? "modified" : "revoked"}`,
    targetType: "review_item",
    targetId: item.id,
    reason: rationale,
    before: { actions: grant.entitlement.actions, nextReviewAt: grant.entitlement.nextReviewAt },
    after: {
      entitlementId: item.entitlementId,
      campaignId: item.campaignId,
      stage: item.stage,
      decision: input.decision,
      actions: narrowed ?? grant.entitlement.actions,
      nextReviewAt: input.decision === "revoke" ? null : nextReviewAt,
      revocationId,
    },
  });
  return summary(decided!, input.decision, input.decision === "revoke" ? null : nextReviewAt, revocationId);
}

function summary(
  row: typeof reviewItems.$inferSelect,
  decision: DecideReviewInput["decision"],
  nextReviewAt: Date | null,
  revocationId: string | null,
): ReviewDecisionResult {
  return { id: row.id, status: row.status, decision, entitlementId: row.entitlementId, reviewerId: row.reviewerId, nextReviewAt, revocationId };
}
