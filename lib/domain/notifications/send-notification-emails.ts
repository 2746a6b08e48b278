import { eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { notifications, users } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { composeNotificationMessage } from "@/lib/mail/compose";
import { type MailTransport, mailFrom, mailTransport } from "@/lib/mail/transport";

export type SendOptions = {
  /** Defaults to the SMTP_URL transport; tests pass one for their own server. */
  transport?: MailTransport | null;
  from?: string;
  /** Base for absolute links; defaults to the deployment's public URL (NEXTAUTH_URL). */
  baseUrl?: string;
};

export type SendResult = {
  sent: string[];
  /** Not sent and never will be: the notification is gone, its recipient deactivated, or e-mail is off. */
  skipped: string[];
  /** Worth another attempt (the SMTP server refused or was unreachable). */
  failed: { id: string; error: string }[];
};

/**
 * E-mails one message per notification to its recipient. Deactivated users get
 * nothing: an offboarded person's mailbox must not keep receiving governance
 * work. Failures are collected per message, never thrown, so one bad address
 * does not hold back the rest; the caller decides what to retry.
 */
export async function sendNotificationEmails(ids: string[], options: SendOptions = {}): Promise<SendResult> {
  const result: SendResult = { sent: [], skipped: [], failed: [] };
  const unique = [...new Set(ids)];
  const transport = options.transport === undefined ? mailTransport() : options.transport;
  if (!transport || unique.length === 0) return { ...result, skipped: unique };

  const rows = await db
    .select({
      id: notifications.id,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      email: users.email,
      name: users.name,
      active: users.active,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(inArray(notifications.id, unique));

  const found = new Set(rows.map((r) => r.id));
  result.skipped.push(...unique.filter((id) => !found.has(id)));
  const from = options.from ?? mailFrom();
  const baseUrl = options.baseUrl ?? appUrl();

  for (const row of rows) {
    if (!row.active) {
      result.skipped.push(row.id);
      continue;
    }
    const message = composeNotificationMessage(
      { title: row.title, body: row.body, link: row.link, recipient: { name: row.name, email: row.email } },
      baseUrl,
    );
    try {
      await transport.sendMail({ from, ...message });
      result.sent.push(row.id);
    } catch (error) {
      // nodemailer's messages name the server's reply, never the URL's credentials.
      result.failed.push({ id: row.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
