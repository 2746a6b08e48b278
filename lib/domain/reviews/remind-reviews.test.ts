import { and, asc, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents, entitlements, notifications, reviewCampaigns, reviewItems } from "@/db/schema";
import { createEntitlement, createUser, createWorkflow } from "@/db/seed/factories";
import { DAY_MS } from "@/lib/domain/policy";
import { REMIND_BEFORE_DUE_DAYS, remindAndEscalateReviews } from "./remind-reviews";

const T0 = new Date("2031-05-05T09:00:00.000Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);
const HOUR = 1 / 24;

/** A pending business-stage item due at `due`, on a workflow without an escalation path. */
async function itemFor(reviewerId: string, due: Date, fields: Partial<typeof reviewItems.$inferInsert> = {}) {
  const workflow = await createWorkflow(db, { businessOwnerId: reviewerId });
  const entitlement = await createEntitlement(db, { workflowId: workflow.id });
  const [item] = await db.insert(reviewItems).values({ entitlementId: entitlement.id, reviewerId, dueAt: due, ...fields }).returning();
  return { item: item!, entitlement, workflow };
}

const reviewer = () => createUser(db, { roles: ["business_owner"] });
const load = async (id: string) => (await db.select().from(reviewItems).where(eq(reviewItems.id, id)))[0]!;
const inbox = (userId: string, kind?: string) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), kind ? eq(notifications.kind, kind) : undefined))
    .orderBy(asc(notifications.createdAt));

describe("[REVIEWS] reminders (controlled clock)", () => {
  it("reminds before the due date at most once per 24 hours", async () => {
    const r = await reviewer();
    const { item } = await itemFor(r.id, at(2));

    await remindAndEscalateReviews(at(-(REMIND_BEFORE_DUE_DAYS - 2) - HOUR)); // more than three days ahead
    expect(await inbox(r.id)).toHaveLength(0);

    await remindAndEscalateReviews(T0);
    const [first] = await inbox(r.id, "review.due_soon");
    expect(first).toMatchObject({ title: "Review due in 2 days", link: `/reviews?focus=${item.id}` });
    expect((await load(item.id)).lastRemindedAt).toEqual(T0);

    await remindAndEscalateReviews(T0);
    await remindAndEscalateReviews(at(HOUR));
    await remindAndEscalateReviews(at(23 * HOUR));
    expect(await inbox(r.id)).toHaveLength(1);

    await remindAndEscalateReviews(at(1));
    const reminders = await inbox(r.id, "review.due_soon");
    expect(reminders.map((n) => n.title)).toEqual(["Review due in 2 days", "Review due in 1 day"]);
    expect((await load(item.id)).lastRemindedAt).toEqual(at(1));
  });

  it("reminds daily once the item is overdue", async () => {
    const r = await reviewer();
    const { item } = await itemFor(r.id, at(-HOUR));

    await remindAndEscalateReviews(T0);
    await remindAndEscalateReviews(at(12 * HOUR));
    expect((await inbox(r.id, "review.overdue")).map((n) => n.title)).toEqual(["Review overdue by less than a day"]);

    await remindAndEscalateReviews(at(1));
    await remindAndEscalateReviews(at(1.5));
    await remindAndEscalateReviews(at(2));
    const overdue = await inbox(r.id, "review.overdue");
    expect(overdue.map((n) => n.title)).toEqual(["Review overdue by less than a day", "Review overdue by 1 day", "Review overdue by 2 days"]);
    expect(overdue[2]).toMatchObject({ link: `/reviews?focus=${item.id}` });
    // No escalation path: it stays with the reviewer, who keeps hearing about it.
    expect(await load(item.id)).toMatchObject({ reviewerId: r.id, lastRemindedAt: at(2) });
    expect(await inbox(r.id, "review.due_soon")).toHaveLength(0);
  });

  it("sends one notification per reviewer and kind, however many items are due", async () => {
    const r = await reviewer();
    for (const days of [1, 2, 3]) await itemFor(r.id, at(days));
    for (const days of [-2, -1]) await itemFor(r.id, at(days));

    const result = await remindAndEscalateReviews(T0);
    expect(result.dueSoon).toBeGreaterThanOrEqual(3);
    expect(result.overdue).toBeGreaterThanOrEqual(2);
    const all = await inbox(r.id);
    expect(all.map((n) => [n.kind, n.title]).sort()).toEqual([
      ["review.due_soon", "3 reviews due within 3 days"],
      ["review.overdue", "2 reviews overdue"],
    ]);
    expect(all.find((n) => n.kind === "review.overdue")!.body).toContain("overdue by 2 days");
    expect(all.every((n) => n.link === "/reviews")).toBe(true);

    // The run itself is audited once, with its counts.
    const [summary] = await db.select().from(auditEvents).where(eq(auditEvents.action, "reviews.reminded")).orderBy(desc(auditEvents.seq)).limit(1);
    expect(summary).toMatchObject({
      actorLabel: "system:reviews.remind",
      targetType: "review_queue",
      after: { dueSoon: result.dueSoon, overdue: result.overdue, ranAt: T0.toISOString() },
    });
  });

  it("does not remind decided or closed items, revoked access, or items of a closed campaign", async () => {
    const r = await reviewer();
    const { item: decided } = await itemFor(r.id, at(1), { status: "decided", decision: "certify", decidedAt: T0 });
    const { item: closed } = await itemFor(r.id, at(1), { status: "closed", closedReason: "test" });
    const { item: revoked, entitlement } = await itemFor(r.id, at(-2));
    await db.update(entitlements).set({ status: "revoked", revokedAt: T0 }).where(eq(entitlements.id, entitlement.id));
    const [campaign] = await db
      .insert(reviewCampaigns)
      .values({ name: "Closed quarter", stages: ["business_owner"], dueAt: at(1), status: "closed", closedAt: T0 })
      .returning();
    const { item: inClosedCampaign } = await itemFor(r.id, at(1), { campaignId: campaign!.id });

    await remindAndEscalateReviews(at(3));
    expect(await inbox(r.id)).toHaveLength(0);
    for (const it of [decided, closed, revoked, inClosedCampaign]) expect((await load(it.id)).lastRemindedAt).toBeNull();
  });
});
