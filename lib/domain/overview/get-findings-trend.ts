import { sql } from "drizzle-orm";
import { db } from "@/db";
import { findings } from "@/db/schema";
import type { FINDING_SEVERITIES } from "@/db/schema/enums";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { dayWindow } from "./day-window";

export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export type FindingsTrendDay = { day: string } & Record<FindingSeverity, number> & { accepted: number };
export type FindingsTrend = { days: FindingsTrendDay[] };

/**
 * Open findings per severity at the close of each UTC day (today: at `now`),
 * plus risk-accepted findings as their own series.
 *
 * A finding counts on day d when it was first seen before the day closed and
 * not resolved before it closed; one opened and resolved within the same day
 * never shows. Findings keep no acceptance timestamp, so a finding whose
 * status is `accepted` counts as accepted from first seen until
 * `acceptedUntil` and as open again afterwards (a lapsed acceptance is risk
 * back in play); a resolved finding counts as open for its whole life.
 *
 * Set-based and linear: each finding becomes at most two spans (accepted, open)
 * that add +1 on their first day and -1 on the day they end; a running sum over
 * generate_series turns those deltas into daily counts, so the cost is one
 * pass over the findings overlapping the window, not findings × days.
 */
export async function getFindingsTrend(
  actor: Actor,
  { days = 90, now = new Date() }: { days?: number; now?: Date } = {},
): Promise<FindingsTrend> {
  requirePermission(actor, "findings.read");
  const { start, today } = dayWindow(now, days);

  const rows = await db.execute<FindingsTrendDay>(sql`
    with live as (
      select f.severity,
        (f.first_seen_at at time zone 'UTC')::date as seen_day,
        case when f.status = 'accepted'
          then coalesce((f.accepted_until at time zone 'UTC')::date, 'infinity'::date)
          else (f.first_seen_at at time zone 'UTC')::date end as accepted_end_day,
        coalesce((f.resolved_at at time zone 'UTC')::date, 'infinity'::date) as end_day
      from ${findings} f
      where f.first_seen_at <= ${now.toISOString()}
        and (f.resolved_at is null or f.resolved_at >= ${`${start}T00:00:00Z`}::timestamptz)
    ),
    spans as (
      select severity, false as accepted, greatest(seen_day, accepted_end_day) as from_day, end_day as to_day from live
      union all
      select severity, true, seen_day, least(accepted_end_day, end_day) from live
    ),
    clipped as (
      select severity, accepted, greatest(from_day, ${start}::date) as from_day, to_day
      from spans where to_day > greatest(from_day, ${start}::date) and from_day <= ${today}::date
    ),
    deltas as (
      select from_day as day, severity, accepted, 1 as delta from clipped
      union all
      select to_day, severity, accepted, -1 from clipped where to_day <= ${today}::date
    ),
    per_day as (
      select day,
        sum(delta) filter (where not accepted and severity = 'low') as low,
        sum(delta) filter (where not accepted and severity = 'medium') as medium,
        sum(delta) filter (where not accepted and severity = 'high') as high,
        sum(delta) filter (where not accepted and severity = 'critical') as critical,
        sum(delta) filter (where accepted) as accepted
      from deltas group by day
    )
    select d::date::text as day,
      (sum(coalesce(p.low, 0)) over w)::int as low,
      (sum(coalesce(p.medium, 0)) over w)::int as medium,
      (sum(coalesce(p.high, 0)) over w)::int as high,
      (sum(coalesce(p.critical, 0)) over w)::int as critical,
      (sum(coalesce(p.accepted, 0)) over w)::int as accepted
    from generate_series(${start}::date, ${today}::date, interval '1 day') d
    left join per_day p on p.day = d::date
    window w as (order by d)
    order by d`);

  return { days: [...rows] };
}
