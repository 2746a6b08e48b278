import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { entitlements, reviewItems, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { notify } from "@/lib/domain/notifications/notify";
import { isEligibleReviewer, mayDecideReviews } from "@/lib/domain/reviews/reviewer-sql";
import { AppError } from "@/lib/errors";
import type { ReassignItemInput } from "@/lib/validation/campaigns";
import { lockCampaign } from "./load-campaign";

/**
 * A campaign manager moves a pending item to another reviewer: an active user
 * who may decide reviews and is eligible under separation of duties (did not
 * request or identity-approve the grant) — the same rule that assigns items
 * and escalates them, so anyone escalation could pick can be chosen here.
 */
export async function reassignItem(actor: Actor, campaignId: string, itemId: string, input: ReassignItemInput) {
  requirePermission(actor, "campaigns.manage");
  return db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId, ["active"], "reassign items of");
    const [row] = await tx
      .select({ item: reviewItems, e: entitlements })
      .from(reviewItems)
      .innerJoin(entitlements, eq(entitlements.id, reviewItems.entitlementId))
      .where(and(eq(reviewItems.id, itemId), eq(reviewItems.campaignId, campaignId)))
      .for("update", { of: reviewItems });
    if (!row) throw AppError.notFound("Review item");
    if (row.item.status !== "pending") throw AppError.conflict(`This item is already ${row.item.status}`);
    if (row.item.reviewerId === input.reviewerId) throw AppError.invalid("reviewerId", "is already the reviewer of this item");

    const [target] = await tx.select().from(users).where(eq(users.id, input.reviewerId));
    if (!target || !target.active) throw AppError.invalid("reviewerId", "must be an active user");
    if (!mayDecideReviews(target.roles)) {
      throw AppError.invalid("reviewerId", "must hold a role that may decide reviews (business owner or identity owner)");
    }
    if (!isEligibleReviewer(target.id, row.e)) {
      throw AppError.invalid("reviewerId", "requested or approved this access and may not review it (separation of duties)");
    }

    const [updated] = await tx
      .update(reviewItems)
      // A new reviewer starts a fresh reminder cycle.
      .set({ reviewerId: target.id, delegatedFromId: row.item.reviewerId, delegationReason: input.reason, lastRemindedAt: null })
      .where(eq(reviewItems.id, itemId))
      .returning();
    const what = String(row.item.snapshot.workflowName ?? "an entitlement");
    await notify(tx, [
      { userId: target.id, kind: "campaign.item_assigned", title: `Review reassigned to you in "${campaign.name}"`, body: `${what}: ${input.reason}`, link: "/reviews" },
      { userId: row.item.reviewerId, kind: "campaign.item_reassigned", title: `A review in "${campaign.name}" moved to ${target.name}`, body: input.reason, link: "/reviews" },
    ]);
    await recordAuditEvent(tx, actor, {
      action: "campaign.item_reassigned",
      targetType: "review_item",
      targetId: itemId,
      reason: input.reason,
      before: { reviewerId: row.item.reviewerId },
      after: { reviewerId: target.id, campaignId, entitlementId: row.item.entitlementId, stage: row.item.stage },
    });
    return updated!;
  });
}
