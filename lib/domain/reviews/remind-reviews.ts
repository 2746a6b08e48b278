import { sql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { systemActor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { type NewNotification, notify } from "@/lib/domain/notifications/notify";
import { DAY_MS } from "@/lib/domain/policy";
import { escalateOverdueReviews } from "./escalate-reviews";

/**
 * Reminders start three days ahead: enough notice to fit a review into a
 * working week, late enough that a 14-day queue lead time is not one long
 * nag.
 */
export const REMIND_BEFORE_DUE_DAYS = 3;

/** At most one reminder per item per day, before and after the due date. */
export const REMINDER_INTERVAL_MS = DAY_MS;

/**
 * The hourly run starts a few seconds early or late from one day to the next;
 * without this slack a reminder sent at 10:00:02 would wait until 11:00 the
 * next day when that run starts at 10:00:01, and drift through the day.
 */
const REMINDER_SLACK_MS = 5 * 60_000;

type Reminded = { id: string; reviewer_id: string; due_at: string | Date; workflow_name: string; nhi_name: string; data_set_name: string };

export type ReminderOutcome = { dueSoon: number; overdue: number; reviewersNotified: number };

/**
 * Marks every pending item that is due within REMIND_BEFORE_DUE_DAYS (or
 * overdue) and was not reminded within a day, in one statement, then sends
 * each reviewer one notification per kind: a reviewer with 10k overdue items
 * gets "10000 reviews overdue", not ten thousand messages.
 */
export async function sendReviewReminders(tx: Transaction, now: Date): Promise<ReminderOutcome> {
  const horizon = new Date(now.getTime() + REMIND_BEFORE_DUE_DAYS * DAY_MS).toISOString();
  const remindedBefore = new Date(now.getTime() - REMINDER_INTERVAL_MS + REMINDER_SLACK_MS).toISOString();
  const rows = await tx.execute<Reminded>(sql`
    update review_items ri set last_reminded_at = ${now.toISOString()}::timestamptz
    from entitlements e, workflows w, nhis n, data_sets d
    where e.id = ri.entitlement_id and w.id = e.workflow_id and n.id = e.nhi_id and d.id = e.data_set_id
      and ri.status = 'pending'
      and ri.reviewer_id is not null
      and e.status = 'active'
      and ri.due_at <= ${horizon}::timestamptz
      and (ri.last_reminded_at is null or ri.last_reminded_at <= ${remindedBefore}::timestamptz)
      and (ri.campaign_id is null
        or exists (select 1 from review_campaigns c where c.id = ri.campaign_id and c.status = 'active'))
    returning ri.id, ri.reviewer_id, ri.due_at, w.name as workflow_name, n.name as nhi_name, d.name as data_set_name`);

  const byReviewer = new Map<string, { dueSoon: Reminded[]; overdue: Reminded[] }>();
  for (const row of rows) {
    const group = byReviewer.get(row.reviewer_id) ?? { dueSoon: [], overdue: [] };
    (new Date(row.due_at).getTime() > now.getTime() ? group.dueSoon : group.overdue).push(row);
    byReviewer.set(row.reviewer_id, group);
  }

  const messages: NewNotification[] = [];
  for (const [reviewerId, group] of byReviewer) {
    if (group.dueSoon.length) messages.push(dueSoonMessage(reviewerId, group.dueSoon, now));
    if (group.overdue.length) messages.push(overdueMessage(reviewerId, group.overdue, now));
  }
  await notify(tx, messages);
  const overdue = [...byReviewer.values()].reduce((n, g) => n + g.overdue.length, 0);
  return { dueSoon: rows.length - overdue, overdue, reviewersNotified: byReviewer.size };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const what = (r: Reminded) => `${r.nhi_name} on ${r.data_set_name} for ${r.workflow_name}`;
const daysUntil = (r: Reminded, now: Date) => Math.max(1, Math.ceil((new Date(r.due_at).getTime() - now.getTime()) / DAY_MS));
const daysOverdue = (r: Reminded, now: Date) => Math.floor((now.getTime() - new Date(r.due_at).getTime()) / DAY_MS);

function dueSoonMessage(userId: string, items: Reminded[], now: Date): NewNotification {
  const soonest = items.reduce((a, b) => (new Date(a.due_at) <= new Date(b.due_at) ? a : b));
  const days = plural(daysUntil(soonest, now), "day");
  if (items.length === 1) {
    return { userId, kind: "review.due_soon", title: `Review due in ${days}`, body: what(soonest), link: `/reviews?focus=${soonest.id}` };
  }
  return {
    userId,
    kind: "review.due_soon",
    title: `${plural(items.length, "review")} due within ${plural(REMIND_BEFORE_DUE_DAYS, "day")}`,
    body: `The first is due in ${days}: ${what(soonest)}.`,
    link: "/reviews",
  };
}

function overdueMessage(userId: string, items: Reminded[], now: Date): NewNotification {
  const oldest = items.reduce((a, b) => (new Date(a.due_at) <= new Date(b.due_at) ? a : b));
  const days = daysOverdue(oldest, now);
  const since = days < 1 ? "less than a day" : plural(days, "day");
  const warning = "Overdue reviews escalate along the workflow's escalation path.";
  if (items.length === 1) {
    return { userId, kind: "review.overdue", title: `Review overdue by ${since}`, body: `${what(oldest)}. ${warning}`, link: `/reviews?focus=${oldest.id}` };
  }
  return {
    userId,
    kind: "review.overdue",
    title: `${plural(items.length, "review")} overdue`,
    body: `The oldest is overdue by ${since}: ${what(oldest)}. ${warning}`,
    link: "/reviews",
  };
}

/**
 * The hourly job: escalate what has waited too long, then remind what is due
 * or overdue, in one transaction. Escalation goes first and stamps the items it
 * moves as reminded, so a newly assigned delegate gets the escalation notice
 * rather than a second reminder in the same run. Runs serialise on an advisory
 * lock; every rule keys on `now` and on the rows' own timestamps, so running
 * twice at the same moment changes nothing the second time.
 */
export async function remindAndEscalateReviews(now: Date = new Date()) {
  const actor = systemActor("reviews.remind");
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('countersign:reviews.remind'))`);
    const { audits, ...escalation } = await escalateOverdueReviews(tx, now);
    const reminders = await sendReviewReminders(tx, now);
    for (const audit of audits) await recordAuditEvent(tx, actor, audit);
    if (reminders.dueSoon || reminders.overdue) {
      await recordAuditEvent(tx, actor, {
        action: "reviews.reminded",
        targetType: "review_queue",
        after: { ...reminders, ranAt: now.toISOString() },
      });
    }
    return { ...escalation, ...reminders };
  });
}
