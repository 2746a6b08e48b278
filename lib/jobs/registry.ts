import type PgBoss from "pg-boss";
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { refreshApprovalCoverage } from "@/lib/domain/approvals/coverage";
import { ensureDefaultPoliciesOnce } from "@/lib/domain/guardrails/default-policies";
import { refreshGuardrailVerdicts } from "@/lib/domain/guardrails/refresh";
import { getBoss } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { deliverDueHooks } from "@/lib/domain/hooks/deliver-hooks";
import { DELIVER_QUEUE } from "@/lib/domain/hooks/emit-event";
import { sweepSessions } from "@/lib/domain/sessions/sweep-sessions";
import { sweepDueReviews } from "@/lib/domain/reviews/sweep-due-reviews";
import { remindAndEscalateReviews } from "@/lib/domain/reviews/remind-reviews";
import { runNotificationEmailJobs } from "@/lib/domain/notifications/email-jobs";
import { refreshFindings } from "@/lib/domain/findings/refresh-findings";

/**
 * Every queue, its schedule and its handler. Later areas (hook delivery,
 * review sweeps, findings) add entries here; the worker starts them all.
 */
export type JobDefinition = {
  queue: string;
  cron?: string;
  handler: (jobs: PgBoss.Job<object>[]) => Promise<unknown>;
};

export const JOBS: JobDefinition[] = [
  {
    // The cadence queue: open reviews 14 days ahead of each review date, close those with nothing left to decide.
    queue: QUEUES.reviewsSweep,
    cron: "0 * * * *",
    handler: async () => sweepDueReviews(),
  },
  {
    // Reminders and escalation of pending reviews; a few minutes after the sweep so new items are in.
    queue: QUEUES.reviewsRemind,
    cron: "5 * * * *",
    handler: async () => remindAndEscalateReviews(),
  },
  {
    // Only fed when SMTP_URL is set (notify queues one job per batch); retries come from the job's own options.
    queue: QUEUES.notificationEmails,
    handler: runNotificationEmailJobs,
  },
  {
    queue: QUEUES.sweepSessions,
    cron: "*/15 * * * *",
    handler: async () => sweepSessions(),
  },
  {
    // Exceptions expire by the clock: re-flag entitlements they no longer cover.
    queue: QUEUES.refreshCoverage,
    cron: "*/10 * * * *",
    handler: async () => db.transaction((tx) => refreshApprovalCoverage(tx)),
  },
  {
    // Stored guardrail verdicts go stale when a workflow, identity, data set or
    // exception changes (decisions then evaluate inline, correctly but slower);
    // this puts them back. Activations recompute in their own transaction.
    queue: QUEUES.refreshGuardrails,
    cron: "*/10 * * * *",
    handler: async () => {
      await ensureDefaultPoliciesOnce();
      return db.transaction((tx) => refreshGuardrailVerdicts(tx));
    },
  },
  {
    // Woken by every revocation's outbox job, and every minute for retries and
    // for deliveries whose worker died mid-flight (their lease runs out).
    queue: DELIVER_QUEUE,
    cron: "* * * * *",
    handler: async () => drainDeliveries(),
  },
  {
    // Rules read the clock (expiry, rotation, review dates, acceptances) as well as
    // the inventory: a schedule catches the former, requestFindingsRefresh the latter.
    queue: QUEUES.refreshFindings,
    cron: "*/15 * * * *",
    handler: async () => refreshFindings(),
  },
];

/** Delivers until nothing is due, then schedules a wake-up for the next retry. */
async function drainDeliveries() {
  for (let round = 0; round < 20; round++) {
    const { attempted } = await deliverDueHooks();
    if (attempted === 0) break;
  }
  await scheduleNextRetry();
}

/** Cron schedules (the queues themselves are created by getBoss()). */
export async function ensureQueues(boss: PgBoss) {
  for (const job of JOBS) if (job.cron) await boss.schedule(job.queue, job.cron, {}, { tz: "UTC" });
}

export async function startWorkers(boss: PgBoss) {
  for (const job of JOBS) await boss.work(job.queue, job.handler);
}

/** pg-boss cron ticks once a minute; a retry due sooner (5 s) gets its own delayed job. */
async function scheduleNextRetry() {
  const [next] = await db.execute<{ at: Date | null }>(
    sql`select min(next_attempt_at) as at from hook_deliveries where status = 'pending'`,
  );
  const at = next?.at ? new Date(next.at) : null;
  if (!at || at.getTime() - Date.now() > 60_000) return;
  const boss = await getBoss();
  await boss.send(DELIVER_QUEUE, {}, { startAfter: at, singletonKey: `retry-${Math.floor(at.getTime() / 1000)}` });
}
