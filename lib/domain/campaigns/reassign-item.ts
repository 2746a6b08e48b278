import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { entitlements, reviewItems, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { notify } from "@/lib/domain/notifications/notify";
import { isEligibleReviewer } from "@/lib/domain/reviews/reviewer-sql";
import { AppError } from "@/lib/errors";
import type { ReassignItemInput } from "@/lib/validation/campaigns";
import { lockCampaign } from "./load-campaign";

/**
 * A campaign manager moves a pending item to another reviewer: an active user
 * holding the stage's role (business owner / identity owner) who is eligible
 * under separation of duties (did not request or identity-approve the grant).
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
    if (!target.roles.includes(row.item.stage)) {
      throw AppError.invalid("reviewerId", `must hold the ${row.item.stage.replace("_", " ")} role to review at this stage`);
    }
    if (!isEligibleReviewer(target.id, row.e)) {
      throw AppError.invalid("reviewerId", "requested or approved this access and may not review it (separation of duties)");
    }

    const [updated] = await tx
      .update(reviewItems)
      .set({ reviewerId: target.id, delegatedFromId: row.item.reviewerId, delegationReason: input.reason })
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
