import { sql } from "drizzle-orm";
import { db } from "@/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { type CampaignRow, findCampaign } from "./load-campaign";

type Counts = { pending: number; decided: number; closed: number; revokes: number; overdue: number };
export type StageProgress = Counts & { stage: string };
export type ReviewerProgress = Counts & { reviewerId: string | null; name: string | null; email: string | null };
export type BurndownPoint = { day: string; remaining: number | null; ideal: number };

export type CampaignDetail = {
  campaign: CampaignRow & { ownerName: string | null };
  totals: Counts & { population: number; resolved: number };
  stages: StageProgress[];
  reviewers: ReviewerProgress[];
  burndown: BurndownPoint[];
};

const DAY = 86_400_000;
const REVIEWER_LIMIT = 200;

/**
 * A campaign with its progress: counts per stage and per reviewer (group-bys
 * over review_items_campaign_idx) and a burndown of entitlements still
 * undecided at the end of each UTC day from launch to the due date.
 */
export async function getCampaign(actor: Actor, id: string): Promise<CampaignDetail> {
  requirePermission(actor, "campaigns.read");
  const campaign = await findCampaign(db, id);
  const [owner] = campaign.ownerId
    ? await db.execute<{ name: string }>(sql`select name from users where id = ${campaign.ownerId}`)
    : [];
  const counts = sql`count(*) filter (where r.status = 'pending')::int as pending,
    count(*) filter (where r.status = 'decided')::int as decided,
    count(*) filter (where r.status = 'closed')::int as closed,
    count(*) filter (where r.decision = 'revoke')::int as revokes,
    count(*) filter (where r.status = 'pending' and r.due_at < now())::int as overdue`;
  const stageRows = await db.execute<StageProgress>(sql`
    select r.stage::text as stage, ${counts} from review_items r where r.campaign_id = ${id} group by r.stage`);
  const reviewerRows = await db.execute<{ reviewer_id: string | null; name: string | null; email: string | null } & Counts>(sql`
    select r.reviewer_id, u.name, u.email, ${counts}
    from review_items r left join users u on u.id = r.reviewer_id
    where r.campaign_id = ${id} group by r.reviewer_id, u.name, u.email
    order by count(*) filter (where r.status = 'pending') desc, u.name nulls first limit ${REVIEWER_LIMIT}`);

  const stages = campaign.stages.map(
    (stage) => stageRows.find((s) => s.stage === stage) ?? { stage, pending: 0, decided: 0, closed: 0, revokes: 0, overdue: 0 },
  );
  const sum = (k: keyof Counts) => stages.reduce((n, s) => n + s[k], 0);
  const population = campaign.populationSize ?? 0;
  const pending = sum("pending");
  return {
    campaign: { ...campaign, ownerName: owner?.name ?? null },
    totals: { population, resolved: population - pending, pending, decided: sum("decided"), closed: sum("closed"), revokes: sum("revokes"), overdue: sum("overdue") },
    stages,
    reviewers: reviewerRows.map(({ reviewer_id, ...r }) => ({ reviewerId: reviewer_id, ...r })),
    burndown: await burndown(campaign),
  };
}

/**
 * An entitlement is resolved by exactly one item: a revoke at any stage, a
 * certify/modify at the last stage, or the non-response marked at close (a
 * revoke closes the entitlement's other items, which do not count again).
 * So resolutions per UTC day are one filtered aggregate over the campaign's
 * items, no per-entitlement grouping; the running total is taken here.
 */
async function burndown(campaign: CampaignRow): Promise<BurndownPoint[]> {
  if (!campaign.launchedAt || campaign.populationSize == null) return [];
  const last = campaign.stages.at(-1)!;
  const perDay = await db.execute<{ day: string; n: number }>(sql`
    select to_char(date_trunc('day', decided_at at time zone 'UTC'), 'YYYY-MM-DD') as day, count(*)::int as n
    from review_items
    where campaign_id = ${campaign.id} and decided_at is not null
      and (decision in ('revoke', 'non_response') or (decision in ('certify', 'modify') and stage = ${last}::review_stage))
    group by 1`);
  const resolvedOn = new Map(perDay.map((r) => [r.day, r.n]));
  const start = Date.UTC(campaign.launchedAt.getUTCFullYear(), campaign.launchedAt.getUTCMonth(), campaign.launchedAt.getUTCDate());
  const endAt = campaign.closedAt && campaign.closedAt > campaign.dueAt ? campaign.closedAt : campaign.dueAt;
  const end = Date.UTC(endAt.getUTCFullYear(), endAt.getUTCMonth(), endAt.getUTCDate());
  const today = Date.now();
  const days = Math.max(0, Math.round((end - start) / DAY));
  const points: BurndownPoint[] = [];
  let remaining = campaign.populationSize;
  // Anything resolved before launch day (clock skew) still counts on day one.
  for (const [day, n] of resolvedOn) if (Date.parse(`${day}T00:00:00Z`) < start) remaining -= n;
  for (let i = 0; i <= days; i++) {
    const dayStart = start + i * DAY;
    const day = new Date(dayStart).toISOString().slice(0, 10);
    remaining -= resolvedOn.get(day) ?? 0;
    const ideal = days === 0 ? 0 : Math.round(campaign.populationSize * (1 - i / days));
    points.push({ day, remaining: dayStart <= today ? remaining : null, ideal });
  }
  return points;
}
