import type { Transaction } from "@/db";
import { notifications } from "@/db/schema";
import { mailConfigured } from "@/lib/mail/transport";
import { enqueueNotificationEmails } from "./email-jobs";

export type NewNotification = { userId: string | null | undefined; kind: string; title: string; body?: string; link?: string };

/**
 * Queues in-app notifications inside the business transaction (skips missing
 * recipients and duplicates) and returns the new notification ids. When
 * SMTP_URL is configured, one e-mail job for them commits with the same
 * transaction; the worker sends it later, so a slow or failing mail server
 * never slows or fails the change itself.
 */
export async function notify(tx: Transaction, items: NewNotification[]): Promise<string[]> {
  const seen = new Set<string>();
  const rows = items.flatMap((n) => {
    if (!n.userId || seen.has(`${n.userId}|${n.kind}|${n.link}`)) return [];
    seen.add(`${n.userId}|${n.kind}|${n.link}`);
    return [{ userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? null }];
  });
  if (!rows.length) return [];
  const inserted = await tx.insert(notifications).values(rows).returning({ id: notifications.id });
  const ids = inserted.map((r) => r.id);
  if (mailConfigured()) await enqueueNotificationEmails(tx, ids);
  return ids;
}
