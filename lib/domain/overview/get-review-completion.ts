import { sql } from "drizzle-orm";
import { db } from "@/db";
import { entitlements, reviewCampaigns, reviewItems } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";

/** Review items by state. `overdue` items are pending past their due date and not counted in `pending`. */
export type ReviewCounts = { decided: number; pending: number; overdue: number; closed: number };
export type CampaignCompletion = ReviewCounts & { campaignId: string; name: string; dueAt: Date };
export type ReviewCompletion = {
  /** Cadence reviews (no campaign): everything still pending, plus items created in the last 90 days. */
  cadence: ReviewCounts;
  campaigns: CampaignCompletion[];
  /** Active entitlements whose next review date has passed. */
  entitlementsOverdue: number;
};

const CADENCE_WINDOW_DAYS = 90;
const SHOWN_CAMPAIGNS = 12;

// Counting by status alone can be answered from review_items_campaign_idx; only
// pending rows need their due date, so only they are fetched from the heap.
const statusCounts = sql`
  count(*) filter (where ri.status = 'decided')::int as decided,
  count(*) filter (where ri.status = 'pending')::int as open,
  count(*) filter (where ri.status = 'closed')::int as closed`;
const overdueCount = (nowIso: string) => sql`count(*) filter (where ri.due_at < ${nowIso})::int as overdue`;

/**
 * How far reviews have got: the cadence queue, each active campaign (soonest
 * due first), and entitlements past their review date. Campaign counts read
 * review_items_campaign_idx per campaign; open cadence items come from the
 * partial review_items_one_open_cadence_idx; the overdue entitlement count
 * reads the partial entitlements_next_review_idx.
 */
export async function getReviewCompletion(actor: Actor, now: Date = new Date()): Promise<ReviewCompletion> {
  requirePermission(actor, "reviews.read");
  requirePermission(actor, "campaigns.read");
  requirePermission(actor, "entitlements.read");
  const nowIso = now.toISOString();
  const since = new Date(now.getTime() - CADENCE_WINDOW_DAYS * 24 * 60 * 60 * 1000).toISOString();

  type Split = { decided: number; open: number; closed: number; overdue: number };
  const [cadenceDone, cadenceOpen, campaignRows, overdueRows] = await Promise.all([
    db.execute<{ decided: number; closed: number }>(sql`
      select count(*) filter (where ri.status = 'decided')::int as decided, count(*) filter (where ri.status = 'closed')::int as closed
      from ${reviewItems} ri
      where ri.campaign_id is null and ri.status <> 'pending' and ri.created_at >= ${since}`),
    db.execute<{ open: number; overdue: number }>(sql`
      select count(*)::int as open, ${overdueCount(nowIso)}
      from ${reviewItems} ri
      where ri.campaign_id is null and ri.status = 'pending'`),
    db.execute<Split & { campaign_id: string; name: string; due_at: Date | string }>(sql`
      select c.id as campaign_id, c.name, c.due_at, s.*, p.*
      from ${reviewCampaigns} c
      cross join lateral (select ${statusCounts} from ${reviewItems} ri where ri.campaign_id = c.id) s
      cross join lateral (
        select ${overdueCount(nowIso)} from ${reviewItems} ri where ri.campaign_id = c.id and ri.status = 'pending'
      ) p
      where c.status = 'active'
      order by c.due_at, c.id
      limit ${SHOWN_CAMPAIGNS}`),
    db.execute<{ n: number }>(sql`
      select count(*)::int as n from ${entitlements}
      where status = 'active' and next_review_at < ${nowIso}`),
  ]);

  const split = ({ decided, open, closed, overdue }: Split): ReviewCounts => ({ decided, pending: open - overdue, overdue, closed });
  const done = cadenceDone[0] ?? { decided: 0, closed: 0 };
  const open = cadenceOpen[0] ?? { open: 0, overdue: 0 };
  return {
    cadence: split({ decided: done.decided, closed: done.closed, open: open.open, overdue: open.overdue }),
    campaigns: campaignRows.map((r) => ({ campaignId: r.campaign_id, name: r.name, dueAt: new Date(r.due_at), ...split(r) })),
    entitlementsOverdue: overdueRows[0]?.n ?? 0,
  };
}
