import type PgBoss from "pg-boss";
import { db } from "@/db";
import { refreshApprovalCoverage } from "@/lib/domain/approvals/coverage";
import { sweepSessions } from "@/lib/domain/sessions/sweep-sessions";

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
    queue: "maintenance.sweep-sessions",
    cron: "*/15 * * * *",
    handler: async () => sweepSessions(),
  },
  {
    // Exceptions expire by the clock: re-flag entitlements they no longer cover.
    queue: "approvals.refresh-coverage",
    cron: "*/10 * * * *",
    handler: async () => db.transaction((tx) => refreshApprovalCoverage(tx)),
  },
];

/** Queues exist before anyone (a transaction included) sends to them. */
export async function ensureQueues(boss: PgBoss) {
  for (const job of JOBS) {
    await boss.createQueue(job.queue);
    if (job.cron) await boss.schedule(job.queue, job.cron, {}, { tz: "UTC" });
  }
}

export async function startWorkers(boss: PgBoss) {
  for (const job of JOBS) await boss.work(job.queue, job.handler);
}
