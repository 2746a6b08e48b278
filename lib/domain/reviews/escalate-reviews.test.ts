import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents, notifications, reviewItems } from "@/db/schema";
import { createEntitlement, createUser, createWorkflow } from "@/db/seed/factories";
import { DAY_MS } from "@/lib/domain/policy";
import { ESCALATE_AFTER_OVERDUE_DAYS, ESCALATION_INTERVAL_DAYS } from "./escalate-reviews";
import { remindAndEscalateReviews } from "./remind-reviews";

const T0 = new Date("2031-03-03T09:00:00.000Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);
const HOUR = 1 / 24;

const delegate = (overrides: Parameters<typeof createUser>[1] = {}) => createUser(db, { roles: ["business_owner"], ...overrides });

/** A business-stage cadence review of a fresh entitlement, due at T0 and assigned to `reviewerId` (default: the business owner). */
async function overdueItem(options: { path: string[]; requestedById?: string; reviewerId?: string; stage?: "business_owner" | "identity_owner" }) {
  const owner = await delegate();
  const workflow = await createWorkflow(db, { businessOwnerId: owner.id, escalationPath: options.path });
  const entitlement = await createEntitlement(db, { workflowId: workflow.id, requestedById: options.requestedById });
  const [item] = await db
    .insert(reviewItems)
    .values({ entitlementId: entitlement.id, stage: options.stage ?? "business_owner", reviewerId: options.reviewerId ?? owner.id, dueAt: T0 })
    .returning();
  return { owner, workflow, entitlement, item: item! };
}

const load = async (id: string) => (await db.select().from(reviewItems).where(eq(reviewItems.id, id)))[0]!;
const inbox = (userId: string, kind: string) =>
  db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind))).orderBy(asc(notifications.createdAt));
const events = (itemId: string) =>
  db.select().from(auditEvents).where(and(eq(auditEvents.targetType, "review_item"), eq(auditEvents.targetId, itemId))).orderBy(asc(auditEvents.seq));

describe("[REVIEWS] escalation of overdue reviews (controlled clock)", () => {
  it("walks the escalation path one step per interval, reassigning, notifying and auditing each step", async () => {
    const [first, second] = [await delegate(), await delegate()];
    const { owner, workflow, item } = await overdueItem({ path: [first.id, second.id] });
    const firstEscalation = ESCALATE_AFTER_OVERDUE_DAYS;
    const secondEscalation = ESCALATE_AFTER_OVERDUE_DAYS + ESCALATION_INTERVAL_DAYS;

    await remindAndEscalateReviews(at(firstEscalation - HOUR));
    expect(await load(item.id)).toMatchObject({ reviewerId: owner.id, escalationLevel: 0 });

    const run = await remindAndEscalateReviews(at(firstEscalation));
    expect(run.escalated).toBeGreaterThanOrEqual(1);
    expect(await load(item.id)).toMatchObject({ reviewerId: first.id, escalationLevel: 1, delegatedFromId: owner.id });
    expect((await load(item.id)).delegationReason).toMatch(/^Escalated: overdue by 1 day/);
    expect(await inbox(first.id, "review.escalated_to_you")).toHaveLength(1);
    expect((await inbox(first.id, "review.escalated_to_you"))[0]).toMatchObject({ link: `/reviews?focus=${item.id}` });
    expect(await inbox(owner.id, "review.escalated")).toHaveLength(1);
    expect((await inbox(owner.id, "review.escalated"))[0]!.title).toContain(first.name);

    // Same moment again, and later on the same level: nothing moves.
    await remindAndEscalateReviews(at(firstEscalation));
    await remindAndEscalateReviews(at(secondEscalation - HOUR));
    expect(await load(item.id)).toMatchObject({ reviewerId: first.id, escalationLevel: 1 });
    expect(await events(item.id)).toHaveLength(1);

    await remindAndEscalateReviews(at(secondEscalation));
    expect(await load(item.id)).toMatchObject({ reviewerId: second.id, escalationLevel: 2, delegatedFromId: first.id });
    expect(await inbox(second.id, "review.escalated_to_you")).toHaveLength(1);
    expect(await inbox(owner.id, "review.escalated")).toHaveLength(2);

    const audit = await events(item.id);
    expect(audit.map((e) => e.action)).toEqual(["review.escalated", "review.escalated"]);
    expect(audit[0]).toMatchObject({
      actorType: "system",
      actorLabel: "system:reviews.remind",
      before: { reviewerId: owner.id, escalationLevel: 0 },
      after: { reviewerId: first.id, escalationLevel: 1, delegatedFromId: owner.id, escalationPathPosition: 0 },
    });
    expect(audit[1]).toMatchObject({
      before: { reviewerId: first.id, escalationLevel: 1 },
      after: { reviewerId: second.id, escalationLevel: 2, escalationPathPosition: 1 },
    });

    // Path exhausted: the identity owner hears once, the item stays with the last delegate.
    const exhaustedAt = secondEscalation + ESCALATION_INTERVAL_DAYS;
    await remindAndEscalateReviews(at(exhaustedAt - HOUR));
    expect(await inbox(workflow.identityOwnerId!, "review.escalation_exhausted")).toHaveLength(0);
    await remindAndEscalateReviews(at(exhaustedAt));
    await remindAndEscalateReviews(at(exhaustedAt + 1));
    await remindAndEscalateReviews(at(exhaustedAt + 10));
    const notices = await inbox(workflow.identityOwnerId!, "review.escalation_exhausted");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain(second.name);
    expect(await load(item.id)).toMatchObject({ reviewerId: second.id, escalationLevel: 2, status: "pending" });
    expect((await events(item.id)).map((e) => e.action)).toEqual(["review.escalated", "review.escalated", "review.escalation_exhausted"]);
  });

  it("skips deactivated users, users who may not decide reviews, and the requester (separation of duties)", async () => {
    const gone = await delegate({ active: false });
    const auditor = await createUser(db, { roles: ["auditor"] });
    const requester = await delegate();
    const eligible = await delegate();
    const { item } = await overdueItem({ path: [gone.id, auditor.id, requester.id, eligible.id], requestedById: requester.id });

    await remindAndEscalateReviews(at(ESCALATE_AFTER_OVERDUE_DAYS));
    expect(await load(item.id)).toMatchObject({ reviewerId: eligible.id, escalationLevel: 1 });
    expect((await events(item.id))[0]!.after).toMatchObject({ reviewerId: eligible.id, escalationPathPosition: 3 });
    for (const skipped of [gone, auditor, requester]) expect(await inbox(skipped.id, "review.escalated_to_you")).toHaveLength(0);
  });

  it("starts after the current reviewer's own place on the path", async () => {
    // The sweep assigns the first delegate when the owner may not review; escalating must not hand it back to them.
    const [first, second] = [await delegate(), await delegate()];
    const { item } = await overdueItem({ path: [first.id, second.id], reviewerId: first.id });
    await remindAndEscalateReviews(at(ESCALATE_AFTER_OVERDUE_DAYS));
    expect(await load(item.id)).toMatchObject({ reviewerId: second.id, delegatedFromId: first.id, escalationLevel: 1 });
  });

  it("never sends identity-stage reviews down the business escalation path; the identity owner is told once", async () => {
    const onPath = await delegate();
    const reviewer = await createUser(db, { roles: ["identity_owner"] });
    const { item, workflow } = await overdueItem({ path: [onPath.id], stage: "identity_owner", reviewerId: reviewer.id });
    await remindAndEscalateReviews(at(ESCALATE_AFTER_OVERDUE_DAYS));
    await remindAndEscalateReviews(at(ESCALATE_AFTER_OVERDUE_DAYS + ESCALATION_INTERVAL_DAYS));
    expect(await load(item.id)).toMatchObject({ reviewerId: reviewer.id, escalationLevel: 0 });
    expect(await inbox(onPath.id, "review.escalated_to_you")).toHaveLength(0);
    expect(await inbox(workflow.identityOwnerId!, "review.escalation_exhausted")).toHaveLength(1);
  });

  it("leaves decided and closed items alone", async () => {
    const first = await delegate();
    const { item: decided } = await overdueItem({ path: [first.id] });
    const { item: closed } = await overdueItem({ path: [first.id] });
    await db.update(reviewItems).set({ status: "decided", decision: "certify", decidedAt: T0 }).where(eq(reviewItems.id, decided.id));
    await db.update(reviewItems).set({ status: "closed", closedReason: "test" }).where(eq(reviewItems.id, closed.id));
    await remindAndEscalateReviews(at(ESCALATE_AFTER_OVERDUE_DAYS + 1));
    for (const id of [decided.id, closed.id]) {
      expect(await load(id)).toMatchObject({ escalationLevel: 0, lastRemindedAt: null });
      expect(await events(id)).toHaveLength(0);
    }
  });
});
