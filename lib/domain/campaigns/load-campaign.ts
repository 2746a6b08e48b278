import { eq } from "drizzle-orm";
import type { DbOrTx, Transaction } from "@/db";
import { reviewCampaigns } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type CampaignRow = typeof reviewCampaigns.$inferSelect;

/**
 * Locks the campaign row for the rest of the transaction: launch, close and
 * reassign serialise on it, so a double click or two admins at once see the
 * state the first one left (the second launch answers 409). Answers 409 unless
 * the campaign is in one of the `allowed` statuses ("Cannot <doing> a campaign…").
 *
 * NO KEY UPDATE, not UPDATE: a reviewer's decision opening the next stage
 * inserts an item whose foreign key takes KEY SHARE on this row while the
 * reviewer holds their item's lock; FOR UPDATE would deadlock with a close
 * waiting on that item. Close instead repeats its UPDATE until nothing is
 * pending (close-campaign.ts).
 */
export async function lockCampaign(tx: Transaction, id: string, allowed: CampaignRow["status"][], doing: string): Promise<CampaignRow> {
  const [row] = await tx.select().from(reviewCampaigns).where(eq(reviewCampaigns.id, id)).for("no key update");
  if (!row) throw AppError.notFound("Campaign");
  // Checked under the lock, so the status cannot change before the caller's writes.
  requireStatus(row, allowed, doing);
  return row;
}

export async function findCampaign(db: DbOrTx, id: string): Promise<CampaignRow> {
  const [row] = await db.select().from(reviewCampaigns).where(eq(reviewCampaigns.id, id));
  if (!row) throw AppError.notFound("Campaign");
  return row;
}

export function requireStatus(campaign: CampaignRow, allowed: CampaignRow["status"][], doing: string) {
  if (!allowed.includes(campaign.status)) {
    throw AppError.conflict(`Cannot ${doing} a campaign that is ${campaign.status} (needs ${allowed.join(" or ")})`);
  }
}
