import { sql } from "drizzle-orm";
import { db } from "@/db";
import { hookDeliveries, hookEvents, revocations } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { dayWindow } from "./day-window";

export const DOWNSTREAM_STATUSES = ["confirmed", "pending", "failed", "noHooks"] as const;
export type DownstreamStatus = (typeof DOWNSTREAM_STATUSES)[number];
export type RevocationConfirmationDay = { day: string } & Record<DownstreamStatus, number>;
export type RevocationConfirmation = { days: RevocationConfirmationDay[]; totals: Record<DownstreamStatus, number> };

/**
 * Revocations per UTC day by whether they reached the real systems:
 * `confirmed` when every delivery of every event of the revocation succeeded,
 * `failed` when any delivery gave up (it stays flagged until replayed),
 * `pending` while deliveries are still being retried, and `noHooks` when no
 * hook was subscribed. Undone revocations are left out: the access is back,
 * there is nothing left to confirm.
 */
export async function getRevocationConfirmation(
  actor: Actor,
  { days = 30, now = new Date() }: { days?: number; now?: Date } = {},
): Promise<RevocationConfirmation> {
  requirePermission(actor, "entitlements.read");
  requirePermission(actor, "hooks.read");
  const { start, today } = dayWindow(now, days);

  const rows = await db.execute<RevocationConfirmationDay>(sql`
    with recent as (
      select r.id, (r.created_at at time zone 'UTC')::date as day
      from ${revocations} r
      where r.created_at >= ${`${start}T00:00:00Z`}::timestamptz and r.created_at <= ${now.toISOString()}
        and r.restored_at is null
    ),
    judged as (
      -- Per revocation, probe its events and deliveries by index rather than joining whole outbox tables.
      select rc.day, o.outcome
      from recent rc
      cross join lateral (
        select case
          when count(d.id) = 0 then 'noHooks'
          when bool_or(d.status = 'failed') then 'failed'
          when bool_and(d.status = 'succeeded') then 'confirmed'
          else 'pending'
        end as outcome
        from ${hookEvents} e
        join ${hookDeliveries} d on d.event_id = e.id
        where e.revocation_id = rc.id
      ) o
    )
    select g::date::text as day,
      count(j.outcome) filter (where j.outcome = 'confirmed')::int as confirmed,
      count(j.outcome) filter (where j.outcome = 'pending')::int as pending,
      count(j.outcome) filter (where j.outcome = 'failed')::int as failed,
      count(j.outcome) filter (where j.outcome = 'noHooks')::int as "noHooks"
    from generate_series(${start}::date, ${today}::date, interval '1 day') g
    left join judged j on j.day = g::date
    group by g
    order by g`);

  const daysOut = [...rows];
  const totals = Object.fromEntries(
    DOWNSTREAM_STATUSES.map((s) => [s, daysOut.reduce((n, d) => n + d[s], 0)]),
  ) as Record<DownstreamStatus, number>;
  return { days: daysOut, totals };
}
