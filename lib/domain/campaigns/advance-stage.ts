import type { Transaction } from "@/db";
import type { reviewItems } from "@/db/schema";

export type DecidedReviewItem = typeof reviewItems.$inferSelect;

/**
 * Called by the review decision (lib/domain/reviews) in the same transaction
 * after a campaign item is decided: opens the next stage's item on certify or
 * modify, closes the campaign's other open items for the entitlement on revoke
 * (any revoke wins).
 */
export async function onCampaignItemDecided(tx: Transaction, item: DecidedReviewItem, now: Date): Promise<void> {
  void tx;
  void item;
  void now;
  throw new Error("onCampaignItemDecided: not implemented yet");
}
