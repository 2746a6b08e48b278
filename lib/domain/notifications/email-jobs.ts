import type PgBoss from "pg-boss";
import type { Transaction } from "@/db";
import { enqueueInTransaction, getBoss } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { mailServer, redactSmtpSecrets } from "@/lib/mail/transport";
import { sendNotificationEmails } from "./send-notification-emails";

export const EMAIL_QUEUE = QUEUES.notificationEmails;

/**
 * SMTP outages last minutes to hours: 30 s doubling over 10 attempts covers
 * roughly eight hours before pg-boss gives up and the job stays failed (and
 * visible) in its archive. The in-app notification exists regardless.
 */
export const EMAIL_RETRY: PgBoss.RetryOptions = { retryLimit: 10, retryDelay: 30, retryBackoff: true };

export type EmailJobData = { notificationIds: string[] };

/**
 * Queues one e-mail job for the given notifications on the caller's
 * transaction, so mail goes out only if the change commits. Runs in a
 * savepoint and swallows its own failure: e-mail is a courtesy copy of the
 * in-app notification and must never roll back the business change.
 */
export async function enqueueNotificationEmails(tx: Transaction, notificationIds: string[]) {
  if (notificationIds.length === 0) return;
  try {
    await tx.transaction((sp) => enqueueInTransaction(sp, EMAIL_QUEUE, { notificationIds } satisfies EmailJobData, EMAIL_RETRY));
  } catch (error) {
    console.error("[mail] could not queue notification e-mails:", error instanceof Error ? error.message : error);
  }
}

function parse(data: unknown): string[] {
  const ids = (data as Partial<EmailJobData> | null)?.notificationIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

/**
 * The worker side. A job whose every message failed throws, so pg-boss retries
 * it with backoff. A partly delivered job must not be retried as a whole (the
 * delivered recipients would get the message twice): the failures move to a
 * new job of their own and this one completes. Each such hand-off is strictly
 * smaller, so it ends.
 */
export async function runNotificationEmailJobs(jobs: PgBoss.Job<object>[]) {
  for (const job of jobs) {
    const result = await sendNotificationEmails(parse(job.data));
    if (result.failed.length === 0) continue;
    const reasons = redactSmtpSecrets([...new Set(result.failed.map((f) => f.error))].join("; "));
    if (result.sent.length === 0) throw new Error(`e-mail delivery failed for ${result.failed.length} notification(s) via ${mailServer()}: ${reasons}`);
    console.error(`[mail] ${result.failed.length} of ${result.failed.length + result.sent.length} e-mails failed via ${mailServer()}, retrying them: ${reasons}`);
    const boss = await getBoss();
    await boss.send(EMAIL_QUEUE, { notificationIds: result.failed.map((f) => f.id) } satisfies EmailJobData, {
      ...EMAIL_RETRY,
      startAfter: 30,
    });
  }
}
