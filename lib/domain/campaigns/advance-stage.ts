import { and, eq, ne, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { reviewCampaigns, reviewItems } from "@/db/schema";
import { type ReviewStage, reviewerSql } from "@/lib/domain/reviews/reviewer-sql";

export type DecidedReviewItem = typeof reviewItems.$inferSelect;

/**
 * Called by the review decision (lib/domain/reviews) in the same transaction
 * after a campaign item is decided: opens the next stage's item on certify or
 * modify, closes the campaign's other open items for the entitlement on revoke
 * (any revoke wins).
 *
 * Idempotent: the next stage's item is inserted `on conflict do nothing`
 * against review_items_campaign_entitlement_stage_idx, and closing only
 * touches items that are still pending.
 */
export async function onCampaignItemDecided(tx: Transaction, item: DecidedReviewItem, now: Date): Promise<void> {
  if (!item.campaignId) return;

  if (item.decision === "revoke") {
    await tx
      .update(reviewItems)
      .set({
        status: "closed",
        closedReason: `Access revoked at the ${stageLabel(item.stage)} stage (any revoke wins)`,
        // decidedAt doubles as "resolved at" so burndown and evidence date every closure.
        decidedAt: now,
      })
      .where(
        and(
          eq(reviewItems.campaignId, item.campaignId),
          eq(reviewItems.entitlementId, item.entitlementId),
          eq(reviewItems.status, "pending"),
          ne(reviewItems.id, item.id),
        ),
      );
    return;
  }

  if (item.decision !== "certify" && item.decision !== "modify") return;

  const [campaign] = await tx
    .select({ stages: reviewCampaigns.stages, status: reviewCampaigns.status })
    .from(reviewCampaigns)
    .where(eq(reviewCampaigns.id, item.campaignId));
  // A closed campaign has applied its non-response policy: nothing new opens in it.
  if (!campaign || campaign.status !== "active") return;
  const next = nextStage(campaign.stages, item.stage);
  if (!next) return;

  // Same frozen snapshot and due date as the first stage; reviewer by the shared rule.
  // Only while the grant is still live and no stage of this campaign revoked it.
  await tx.execute(sql`
    insert into review_items (campaign_id, entitlement_id, stage, reviewer_id, due_at, snapshot)
    select ${item.campaignId}, e.id, ${next}::review_stage, ${reviewerSql(next)}, ${item.dueAt.toISOString()}::timestamptz,
           (select s.snapshot from review_items s where s.id = ${item.id})
    from entitlements e join workflows w on w.id = e.workflow_id
    where e.id = ${item.entitlementId} and e.status = 'active'
      and not exists (select 1 from review_items r where r.campaign_id = ${item.campaignId}
                      and r.entitlement_id = e.id and r.decision = 'revoke')
    on conflict (campaign_id, entitlement_id, stage) where campaign_id is not null do nothing`);
}

/** The stage after `current` in the campaign's order, or null at the last stage. */
export function nextStage(stages: readonly ReviewStage[], current: ReviewStage): ReviewStage | null {
  const at = stages.indexOf(current);
  return at >= 0 && at + 1 < stages.length ? stages[at + 1]! : null;
}

export function stageLabel(stage: ReviewStage): string {
  return stage === "business_owner" ? "business owner" : "identity owner";
}
