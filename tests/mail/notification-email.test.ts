import { sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { createUser } from "@/db/seed/factories";
import { EMAIL_QUEUE, EMAIL_RETRY, runNotificationEmailJobs } from "@/lib/domain/notifications/email-jobs";
import { notify } from "@/lib/domain/notifications/notify";
import { sendNotificationEmails } from "@/lib/domain/notifications/send-notification-emails";
import { getBoss } from "@/lib/jobs/boss";
import { createMailTransport, mailConfigured } from "@/lib/mail/transport";
import { startSmtpServer } from "./smtp-test-server";

// env() reads process.env once, on first use: configure before any test touches it.
const PASSWORD = "s3cret-smtp-pa55word";
const smtp = await startSmtpServer({ user: "countersign", pass: PASSWORD });
process.env.SMTP_URL = smtp.url;
process.env.SMTP_FROM = "Countersign <no-reply@countersign.example.test>";
process.env.NEXTAUTH_URL = "https://countersign.example.test";
afterAll(() => smtp.close());

const messagesTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

async function emailJobs(): Promise<{ data: { notificationIds: string[] }; retry_limit: number; retry_backoff: boolean }[]> {
  return db.execute(sql`select data, retry_limit, retry_backoff from pgboss.job where name = ${EMAIL_QUEUE} order by created_on`);
}

const asJobs = (...batches: string[][]) => batches.map((notificationIds, i) => ({ id: `test-${i}`, name: EMAIL_QUEUE, data: { notificationIds } }) as PgBoss.Job<object>);

describe("[MAIL] notification e-mail through a real SMTP server", () => {
  it("queues one e-mail job with the business transaction; the worker delivers it with an absolute link", async () => {
    expect(mailConfigured()).toBe(true);
    const user = await createUser(db, { name: "Ada Reviewer" });
    const ids = await db.transaction((tx) =>
      notify(tx, [{ userId: user.id, kind: "review.due_soon", title: "Review due in 2 days", body: "payments-bot on Ledger for Refund agent", link: "/reviews?focus=42" }]),
    );
    expect(ids).toHaveLength(1);

    const queued = (await emailJobs()).filter((j) => j.data.notificationIds.includes(ids[0]!));
    expect(queued).toEqual([{ data: { notificationIds: ids }, retry_limit: EMAIL_RETRY.retryLimit, retry_backoff: true }]);

    // Take the job off the real queue, as the worker would.
    const boss = await getBoss();
    const jobs = await boss.fetch<object>(EMAIL_QUEUE, { batchSize: 50 });
    expect(jobs.some((j) => (j.data as { notificationIds: string[] }).notificationIds.includes(ids[0]!))).toBe(true);
    await runNotificationEmailJobs(jobs);

    const [message, ...more] = messagesTo(user.email);
    expect(more).toHaveLength(0);
    expect(message!.from).toBe("no-reply@countersign.example.test");
    expect(message!.headers.subject).toBe("Review due in 2 days");
    expect(message!.headers.to).toContain(user.email);
    expect(message!.text).toContain("payments-bot on Ledger for Refund agent");
    expect(message!.text).toContain("https://countersign.example.test/reviews?focus=42");
  });

  it("queues nothing when the change rolls back", async () => {
    const user = await createUser(db);
    const before = (await emailJobs()).length;
    await expect(
      db.transaction(async (tx) => {
        await notify(tx, [{ userId: user.id, kind: "test", title: "Never sent" }]);
        throw new Error("business rule refused the change");
      }),
    ).rejects.toThrow("business rule");
    expect(await emailJobs()).toHaveLength(before);
    expect(await db.select().from(notifications).where(sql`${notifications.userId} = ${user.id}`)).toHaveLength(0);
  });

  it("sends one message per notification and none to deactivated users", async () => {
    const [active, gone] = [await createUser(db), await createUser(db, { active: false })];
    const ids = await db.transaction((tx) =>
      notify(tx, [
        { userId: active.id, kind: "a", title: "First for active", link: "/workflows/1" },
        { userId: active.id, kind: "b", title: "Second for active" },
        { userId: gone.id, kind: "a", title: "For someone offboarded" },
      ]),
    );
    const result = await sendNotificationEmails(ids);
    expect(result.sent).toHaveLength(2);
    expect(result.skipped).toEqual([ids[2]]);
    expect(result.failed).toEqual([]);
    expect(messagesTo(active.email).map((m) => m.headers.subject).sort()).toEqual(["First for active", "Second for active"]);
    expect(messagesTo(active.email).find((m) => m.headers.subject === "Second for active")!.text).not.toContain("https://");
    expect(messagesTo(gone.email)).toHaveLength(0);
  });

  it("accepts a transport built from an explicit URL and reports a refused login without leaking the password", async () => {
    const user = await createUser(db);
    const ids = await db.transaction((tx) => notify(tx, [{ userId: user.id, kind: "x", title: "Via explicit transport" }]));
    const wrongPassword = "definitely-wrong-password";
    const refused = await sendNotificationEmails(ids, {
      transport: createMailTransport(smtp.url.replace(encodeURIComponent(PASSWORD), wrongPassword)),
    });
    expect(refused.sent).toEqual([]);
    expect(refused.failed).toHaveLength(1);
    expect(refused.failed[0]!.error).not.toContain(wrongPassword);
    expect(messagesTo(user.email)).toHaveLength(0);

    const ok = await sendNotificationEmails(ids, { transport: createMailTransport(smtp.url), baseUrl: "http://other.example" });
    expect(ok.sent).toEqual(ids);
    expect(messagesTo(user.email)).toHaveLength(1);
  });

  it("retries only what failed: a partly delivered job re-queues the failures, a wholly failed one throws for pg-boss to retry", async () => {
    const [good, bad] = [await createUser(db), await createUser(db)];
    smtp.reject.add(bad.email);
    const ids = await db.transaction((tx) =>
      notify(tx, [
        { userId: good.id, kind: "r", title: "Reaches its reader" },
        { userId: bad.id, kind: "r", title: "Bounces" },
      ]),
    );
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await runNotificationEmailJobs(asJobs(ids));
      expect(messagesTo(good.email)).toHaveLength(1);
      const requeued = (await emailJobs()).filter((j) => j.data.notificationIds.includes(ids[1]!));
      // The original job (from notify) plus the hand-off holding only the failure.
      expect(requeued.map((j) => j.data.notificationIds)).toEqual([ids, [ids[1]]]);

      const failure = await runNotificationEmailJobs(asJobs([ids[1]!])).then(() => null, (error: Error) => error);
      expect(failure?.message).toMatch(/e-mail delivery failed for 1 notification\(s\) via smtp:\/\/127\.0\.0\.1:\d+: .*Mailbox unavailable/);
      expect(failure?.message).not.toContain(PASSWORD);
      expect(messagesTo(good.email)).toHaveLength(1);
      expect(messagesTo(bad.email)).toHaveLength(0);
      const logged = errors.mock.calls.flat().map(String).join("\n");
      expect(logged).toContain("1 of 2 e-mails failed");
      expect(logged).not.toContain(PASSWORD);
    } finally {
      errors.mockRestore();
      smtp.reject.delete(bad.email);
    }
  });

  // Last: it takes the job table away for a moment.
  it("a queue that cannot take the job does not fail the business change", async () => {
    const user = await createUser(db);
    await getBoss();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await db.execute(sql`alter table pgboss.job rename to job_unavailable`);
    try {
      const ids = await db.transaction((tx) => notify(tx, [{ userId: user.id, kind: "k", title: "Still delivered in-app" }]));
      expect(ids).toHaveLength(1);
      expect(await db.select().from(notifications).where(sql`${notifications.id} = ${ids[0]}`)).toHaveLength(1);
      expect(errors.mock.calls.flat().map(String).join("\n")).toContain("[mail] could not queue notification e-mails");
    } finally {
      await db.execute(sql`alter table pgboss.job_unavailable rename to job`);
      errors.mockRestore();
    }
  });
});
