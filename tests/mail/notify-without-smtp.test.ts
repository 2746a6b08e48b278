import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { createUser } from "@/db/seed/factories";
import { EMAIL_QUEUE } from "@/lib/domain/notifications/email-jobs";
import { notify } from "@/lib/domain/notifications/notify";
import { sendNotificationEmails } from "@/lib/domain/notifications/send-notification-emails";
import { getBoss } from "@/lib/jobs/boss";
import { mailConfigured, mailTransport } from "@/lib/mail/transport";

// The default: no SMTP_URL (env() reads process.env once, on first use).
delete process.env.SMTP_URL;

describe("[MAIL] without SMTP_URL", () => {
  it("notify still writes the in-app notification and queues no e-mail", async () => {
    // Start pg-boss so its job table exists: an empty queue then proves nothing was sent, not that there was nowhere to send.
    await getBoss();
    expect(mailConfigured()).toBe(false);
    expect(mailTransport()).toBeNull();

    const user = await createUser(db);
    const ids = await db.transaction((tx) => notify(tx, [{ userId: user.id, kind: "review.due_soon", title: "Review due in 1 day", link: "/reviews" }]));
    expect(ids).toHaveLength(1);
    expect(await db.select().from(notifications).where(eq(notifications.userId, user.id))).toMatchObject([
      { id: ids[0], kind: "review.due_soon", title: "Review due in 1 day", link: "/reviews", readAt: null },
    ]);
    const [jobs] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${EMAIL_QUEUE}`);
    expect(jobs!.n).toBe(0);

    // A job left over from when SMTP was configured is dropped, not failed forever.
    expect(await sendNotificationEmails(ids)).toEqual({ sent: [], skipped: ids, failed: [] });
  });

  it("keeps skipping empty and recipient-less batches", async () => {
    expect(await db.transaction((tx) => notify(tx, [{ userId: null, kind: "x", title: "nobody" }]))).toEqual([]);
  });
});
