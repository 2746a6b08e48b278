import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { addDays, createDataSet, createEntitlement, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, entitlements, reviewCampaigns, reviewItems, users } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { JOBS } from "@/lib/jobs/registry";
import { QUEUES } from "@/lib/jobs/queues";
import { listReviewQueue } from "./list-reviews";
import { CLOSED_NOT_ACTIVE, sweepDueReviews } from "./sweep-due-reviews";

const now = new Date();
const itemsOf = (entitlementId: string) => db.select().from(reviewItems).where(eq(reviewItems.entitlementId, entitlementId));
const sweepAudits = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.action, "reviews.swept")))[0]!.n;

/** An active grant whose review date is `days` from now, in a workflow with the given owners. */
async function grantDueIn(days: number | null, overrides: Parameters<typeof createEntitlement>[1] = {}) {
  return createEntitlement(db, { nextReviewAt: days === null ? null : addDays(now, days), ...overrides });
}

describe("[REVIEWS] sweepDueReviews: the cadence queue", () => {
  it("opens one business-owner item for each active grant due within 14 days (overdue included), with due date and snapshot, and nothing else", async () => {
    const ds = await createDataSet(db, { sensitivity: "confidential", environment: "staging" });
    const soon = await grantDueIn(5, { dataSetId: ds.id });
    const overdue = await grantDueIn(-3);
    const edge = await grantDueIn(13.9);
    const later = await grantDueIn(20);
    const revoked = await grantDueIn(2, { status: "revoked" });
    const pending = await grantDueIn(2, { status: "pending" });
    const undated = await grantDueIn(null);

    const result = await sweepDueReviews(now);
    expect(result.created).toBeGreaterThanOrEqual(3);

    for (const grant of [soon, overdue, edge]) {
      const items = await itemsOf(grant.id);
      expect(items).toHaveLength(1);
      const [wf] = await db.select({ bo: sql<string>`business_owner_id` }).from(sql`workflows`).where(sql`id = ${grant.workflowId}`);
      expect(items[0]).toMatchObject({ campaignId: null, stage: "business_owner", status: "pending", reviewerId: wf!.bo, escalationLevel: 0 });
      expect(items[0]!.dueAt.getTime()).toBe(grant.nextReviewAt!.getTime());
    }
    for (const grant of [later, revoked, pending, undated]) expect(await itemsOf(grant.id)).toHaveLength(0);

    const [item] = await itemsOf(soon.id);
    expect(item!.snapshot).toMatchObject({
      source: "cadence",
      dataSet: { id: ds.id, sensitivity: "confidential", environment: "staging" },
      actions: ["read"],
      workflow: { id: soon.workflowId },
      identity: { id: soon.nhiId },
      businessApprovedById: soon.businessApprovedById,
      identityApprovedById: soon.identityApprovedById,
    });
  });

  it("is idempotent: a second sweep (or a concurrent one) opens nothing new and records no audit event", async () => {
    const grant = await grantDueIn(3);
    await sweepDueReviews(now);
    const audits = await sweepAudits();
    const again = await Promise.all([sweepDueReviews(now), sweepDueReviews(now)]);
    expect(again).toEqual([{ created: 0, closed: 0 }, { created: 0, closed: 0 }]);
    expect(await itemsOf(grant.id)).toHaveLength(1);
    expect(await sweepAudits()).toBe(audits);
  });

  it("records one summary audit event (system actor) for a sweep that changed something", async () => {
    await grantDueIn(1);
    await grantDueIn(2);
    const before = await sweepAudits();
    const result = await sweepDueReviews(now);
    expect(result.created).toBe(2);
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "reviews.swept")).orderBy(sql`seq desc`).limit(1);
    expect(await sweepAudits()).toBe(before + 1);
    expect(event).toMatchObject({ actorType: "system", actorId: null, actorLabel: "system:reviews.sweep", targetType: "review_queue" });
    expect(event!.after).toMatchObject({ created: 2, closed: 0 });
  });

  it("after a decision moved the date out of the window, a new item appears only when it is due again", async () => {
    const grant = await grantDueIn(4);
    await sweepDueReviews(now);
    const [item] = await itemsOf(grant.id);
    await db.update(reviewItems).set({ status: "decided", decision: "certify", decidedAt: now }).where(eq(reviewItems.id, item!.id));
    await db.update(entitlements).set({ nextReviewAt: addDays(now, 90) }).where(eq(entitlements.id, grant.id));
    await sweepDueReviews(now);
    expect(await itemsOf(grant.id)).toHaveLength(1);
    await sweepDueReviews(addDays(now, 80));
    expect((await itemsOf(grant.id)).filter((i) => i.status === "pending")).toHaveLength(1);
  });

  it("skips a grant that an open campaign item already puts in front of a reviewer", async () => {
    const grant = await grantDueIn(3);
    const [campaign] = await db.insert(reviewCampaigns).values({ name: "Q1", stages: ["business_owner"], dueAt: addDays(now, 10), status: "active" }).returning();
    await db.insert(reviewItems).values({ campaignId: campaign!.id, entitlementId: grant.id, dueAt: addDays(now, 10) });
    await sweepDueReviews(now);
    expect((await itemsOf(grant.id)).map((i) => i.campaignId)).toEqual([campaign!.id]);
  });

  it("closes open items whose entitlement was revoked, with a reason; they are hidden from the queue even before the sweep", async () => {
    const bo = await createUser(db, { roles: ["business_owner"] });
    const workflow = await createWorkflow(db, { businessOwnerId: bo.id });
    const grant = await grantDueIn(6, { workflowId: workflow.id });
    const kept = await grantDueIn(6, { workflowId: workflow.id });
    await sweepDueReviews(now);
    const queue = await listReviewQueue(userActor(bo));
    expect(queue.items.map((i) => i.entitlement.id).sort()).toEqual([grant.id, kept.id].sort());

    await revokeEntitlement(userActor(bo), grant.id, "task retired");
    expect((await listReviewQueue(userActor(bo))).items.map((i) => i.entitlement.id)).toEqual([kept.id]);

    const result = await sweepDueReviews(now);
    expect(result.closed).toBeGreaterThanOrEqual(1);
    const [closed] = await itemsOf(grant.id);
    expect(closed).toMatchObject({ status: "closed", closedReason: CLOSED_NOT_ACTIVE, decision: null });
    expect((await itemsOf(kept.id))[0]!.status).toBe("pending");
  });
});

describe("[REVIEWS] the sweep job", () => {
  it("is registered as the hourly reviews.sweep queue, and its handler sweeps", async () => {
    const job = JOBS.find((j) => j.queue === QUEUES.reviewsSweep);
    expect(QUEUES.reviewsSweep).toBe("reviews.sweep");
    expect(job?.cron).toBe("0 * * * *");
    const grant = await grantDueIn(1);
    await job!.handler([]);
    expect(await itemsOf(grant.id)).toHaveLength(1);
  });
});

describe("[REVIEWS] separation of duties in the reviewer choice", () => {
  it("a business owner who requested the access never gets the item: it falls down the escalation path", async () => {
    const bo = await createUser(db, { roles: ["business_owner"] });
    const backup = await createUser(db, { roles: ["business_owner"] });
    const workflow = await createWorkflow(db, { businessOwnerId: bo.id, escalationPath: [backup.id] });
    const grant = await grantDueIn(3, { workflowId: workflow.id, requestedById: bo.id });
    await sweepDueReviews(now);
    expect((await itemsOf(grant.id))[0]!.reviewerId).toBe(backup.id);
  });

  it("skips an escalation step who approved the identity side, and a deactivated business owner", async () => {
    const bo = await createUser(db, { roles: ["business_owner"] });
    const io = await createUser(db, { roles: ["identity_owner", "business_owner"] });
    const third = await createUser(db, { roles: ["business_owner"] });
    const workflow = await createWorkflow(db, { businessOwnerId: bo.id, escalationPath: [io.id, third.id] });
    const grant = await grantDueIn(3, { workflowId: workflow.id, identityApprovedById: io.id });
    await db.update(users).set({ active: false }).where(eq(users.id, bo.id));
    await sweepDueReviews(now);
    expect((await itemsOf(grant.id))[0]!.reviewerId).toBe(third.id);
  });

  it("nobody eligible: the item is opened unassigned (visible to identity owners), never given to the requester", async () => {
    const bo = await createUser(db, { roles: ["business_owner"] });
    const workflow = await createWorkflow(db, { businessOwnerId: bo.id });
    const grant = await grantDueIn(3, { workflowId: workflow.id, requestedById: bo.id });
    await sweepDueReviews(now);
    const [item] = await db.select().from(reviewItems).where(and(eq(reviewItems.entitlementId, grant.id)));
    expect(item!.reviewerId).toBeNull();
  });
});
