import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { addDays, createCredential, createDataSet, createEntitlement, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, credentials, entitlements, hookDeliveries, hookEvents, notifications, reviewCampaigns, reviewItems } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { userActor } from "@/lib/domain/actor";
import { createHook } from "@/lib/domain/hooks/manage-hooks";
import { DAY_MS } from "@/lib/domain/policy";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { AppError } from "@/lib/errors";
import { ask, code } from "@/tests/runtime/fixtures";
import { decideReviewItem, decideReviewItems } from "./decide-review-item";
import { listDelegateCandidates } from "./list-delegates";

afterAll(() => flushDecisions());

const person = async (...roles: Role[]) => createUser(db, { roles });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const item = async (id: string) => (await db.select().from(reviewItems).where(eq(reviewItems.id, id)))[0]!;
const grantRow = async (id: string) => (await db.select().from(entitlements).where(eq(entitlements.id, id)))[0]!;
const audits = (action: string, targetId: string) => db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));

/** A business owner's workflow with one active grant and an open cadence item assigned to them. */
async function world(options: { actions?: ("read" | "write" | "delete" | "admin")[]; sensitivity?: "internal" | "restricted" | "confidential"; cadenceDays?: number | null } = {}) {
  const bo = await person("business_owner");
  const io = await person("identity_owner");
  const workflow = await createWorkflow(db, { businessOwnerId: bo.id, identityOwnerId: io.id });
  const dataSet = await createDataSet(db, { sensitivity: options.sensitivity ?? "internal" });
  const grant = await createEntitlement(db, {
    workflowId: workflow.id,
    dataSetId: dataSet.id,
    actions: options.actions ?? ["read"],
    nextReviewAt: addDays(new Date(), 5),
    ...(options.cadenceDays !== undefined ? { cadenceDays: options.cadenceDays } : {}),
  });
  const [open] = await db
    .insert(reviewItems)
    .values({ entitlementId: grant.id, reviewerId: bo.id, dueAt: grant.nextReviewAt!, stage: "business_owner" })
    .returning();
  return { bo, io, boActor: userActor(bo), ioActor: userActor(io), workflow, dataSet, grant, item: open! };
}

describe("[REVIEWS] certify (invariant 8)", () => {
  it("moves the next review date one cadence from now, records the decision and one audit event", async () => {
    const s = await world({ cadenceDays: 90 });
    const now = new Date();
    const out = await decideReviewItem(s.boActor, s.item.id, { decision: "certify" }, now);
    expect(out).toMatchObject({ id: s.item.id, status: "decided", decision: "certify", revocationId: null });
    const g = await grantRow(s.grant.id);
    expect(g.lastReviewedAt!.getTime()).toBe(now.getTime());
    expect(g.nextReviewAt!.getTime()).toBe(now.getTime() + 90 * DAY_MS);
    expect(g.status).toBe("active");
    expect(await item(s.item.id)).toMatchObject({ status: "decided", decision: "certify", decidedById: s.bo.id, rationale: null });
    const [event] = await audits("review.certified", s.item.id);
    expect(event).toMatchObject({ actorId: s.bo.id, targetType: "review_item" });
    expect(event!.after).toMatchObject({ entitlementId: s.grant.id, decision: "certify" });
  });

  it("without a cadence on the grant, uses the risk rule: restricted data → 30 days", async () => {
    const s = await world({ sensitivity: "restricted", cadenceDays: null });
    const now = new Date();
    await decideReviewItem(s.boActor, s.item.id, { decision: "certify", rationale: "still needed" }, now);
    expect((await grantRow(s.grant.id)).nextReviewAt!.getTime()).toBe(now.getTime() + 30 * DAY_MS);
  });
});

describe("[REVIEWS] revoke performs invariant 3", () => {
  it("runtime denies at once, scoped credentials (JIT too) are revoked, one hook outbox row and the audit events exist", async () => {
    const s = await world();
    const hook = await createHook(s.ioActor, { name: `h-${crypto.randomUUID()}`, url: "https://93.184.216.34/hook", events: ["entitlement.revoked"], format: "standard-webhooks" });
    const jit = await createCredential(db, { nhiId: s.grant.nhiId, entitlementId: s.grant.id, kind: "jit_token", jti: crypto.randomUUID(), expiresAt: new Date(Date.now() + 600_000) });
    const question = { subject: s.grant.nhiId, resource: s.grant.dataSetId };
    expect(code(await ask(question))).toBe("allow");

    const out = await decideReviewItem(s.boActor, s.item.id, { decision: "revoke", rationale: "workflow no longer reads this" });
    expect(out.revocationId).toEqual(expect.any(String));
    expect(code(await ask(question))).not.toBe("allow");
    const g = await grantRow(s.grant.id);
    expect(g).toMatchObject({ status: "revoked", revokedById: s.bo.id, revokeReason: "workflow no longer reads this" });
    expect((await db.select().from(credentials).where(eq(credentials.id, jit.id)))[0]!.status).toBe("revoked");
    const [event] = await db.select().from(hookEvents).where(eq(hookEvents.revocationId, out.revocationId!));
    expect(event).toBeDefined();
    expect(await db.select().from(hookDeliveries).where(and(eq(hookDeliveries.eventId, event!.id), eq(hookDeliveries.hookId, hook.id)))).toHaveLength(1);
    expect(await audits("entitlement.revoked", s.grant.id)).toHaveLength(1);
    expect((await audits("review.revoked", s.item.id))[0]!.after).toMatchObject({ revocationId: out.revocationId });
    expect(await item(s.item.id)).toMatchObject({ status: "decided", decision: "revoke", rationale: "workflow no longer reads this" });
  });

  it("requires a rationale (422 naming rationale) and writes nothing without one", async () => {
    const s = await world();
    const error = await rejection(decideReviewItem(s.boActor, s.item.id, { decision: "revoke", rationale: "   " }));
    expect(error.status).toBe(422);
    expect(error.fieldErrors[0]!.path).toBe("rationale");
    expect((await grantRow(s.grant.id)).status).toBe("active");
    expect((await item(s.item.id)).status).toBe("pending");
  });
});

describe("[REVIEWS] modify narrows the actions", () => {
  it("keeps a strict subset, certifies it, and the runtime denies the removed action", async () => {
    const s = await world({ actions: ["read", "write"], cadenceDays: 180 });
    const now = new Date();
    await decideReviewItem(s.boActor, s.item.id, { decision: "modify", rationale: "writes moved to another job", actions: ["read"] }, now);
    const g = await grantRow(s.grant.id);
    expect(g.actions).toEqual(["read"]);
    expect(g.nextReviewAt!.getTime()).toBe(now.getTime() + 180 * DAY_MS);
    expect(await item(s.item.id)).toMatchObject({ decision: "modify", narrowedActions: ["read"] });
    expect(code(await ask({ subject: s.grant.nhiId, resource: s.grant.dataSetId, action: "read" }))).toBe("allow");
    expect(code(await ask({ subject: s.grant.nhiId, resource: s.grant.dataSetId, action: "write" }))).not.toBe("allow");
  });

  it("refuses the same set, an empty set, or actions the grant does not have (422 naming actions)", async () => {
    const s = await world({ actions: ["read", "write"] });
    for (const actions of [["read", "write"], [], ["read", "delete"]] as const) {
      const error = await rejection(decideReviewItem(s.boActor, s.item.id, { decision: "modify", rationale: "narrow it", actions: [...actions] }));
      expect(error.status).toBe(422);
      expect(error.fieldErrors[0]!.path).toBe("actions");
    }
    expect((await grantRow(s.grant.id)).actions).toEqual(["read", "write"]);
  });
});

describe("[REVIEWS] who may decide", () => {
  it("only the assigned reviewer: someone who sees the item gets 403, someone who does not gets 404", async () => {
    const s = await world();
    const stranger = userActor(await person("business_owner"));
    expect((await rejection(decideReviewItem(stranger, s.item.id, { decision: "certify" }))).status).toBe(404);
    expect((await rejection(decideReviewItem(s.ioActor, s.item.id, { decision: "certify" }))).status).toBe(403);
    expect((await rejection(decideReviewItem(userActor(await person("auditor")), s.item.id, { decision: "certify" }))).status).toBe(403);
    expect((await item(s.item.id)).status).toBe("pending");
  });

  it("an item that is no longer pending answers 409", async () => {
    const s = await world();
    await decideReviewItem(s.boActor, s.item.id, { decision: "certify" });
    const error = await rejection(decideReviewItem(s.boActor, s.item.id, { decision: "revoke", rationale: "changed my mind" }));
    expect(error.status).toBe(409);
    expect((await grantRow(s.grant.id)).status).toBe("active");
  });

  it("separation of duties is re-checked at decision time: a reviewer who is now the identity approver gets 403", async () => {
    const s = await world();
    await db.update(entitlements).set({ identityApprovedById: s.bo.id }).where(eq(entitlements.id, s.grant.id));
    const error = await rejection(decideReviewItem(s.boActor, s.item.id, { decision: "certify" }));
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/separation of duties/);
  });

  it("two decisions at once on one item: exactly one wins, the other gets 409", async () => {
    const s = await world();
    // Open enough pooled connections first, so the three transactions really run side by side.
    await Promise.all(Array.from({ length: 4 }, () => db.execute(sql`select pg_sleep(0.05)`)));
    const outcomes = await Promise.allSettled([
      decideReviewItem(s.boActor, s.item.id, { decision: "certify" }),
      decideReviewItem(s.boActor, s.item.id, { decision: "revoke", rationale: "double click" }),
      decideReviewItem(s.boActor, s.item.id, { decision: "certify" }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(failures.map((f) => (f.reason as AppError).status)).toEqual([409, 409]);
    const final = await item(s.item.id);
    const winner = outcomes.find((o) => o.status === "fulfilled") as PromiseFulfilledResult<{ decision: string }>;
    expect(final.decision).toBe(winner.value.decision);
    expect((await grantRow(s.grant.id)).status).toBe(final.decision === "revoke" ? "revoked" : "active");
    expect(await db.select().from(auditEvents).where(eq(auditEvents.targetId, s.item.id))).toHaveLength(1);
  });
});

describe("[REVIEWS] delegate", () => {
  it("hands the item to an eligible user with a reason, notifies them; they decide, the delegator no longer can", async () => {
    const s = await world();
    const colleague = await person("business_owner");
    const out = await decideReviewItem(s.boActor, s.item.id, { decision: "delegate", rationale: "on leave until March", delegateTo: colleague.id });
    expect(out).toMatchObject({ status: "pending", reviewerId: colleague.id });
    expect(await item(s.item.id)).toMatchObject({ reviewerId: colleague.id, delegatedFromId: s.bo.id, delegationReason: "on leave until March", status: "pending", decision: null });
    const inbox = await db.select().from(notifications).where(and(eq(notifications.userId, colleague.id), eq(notifications.kind, "review.delegated")));
    expect(inbox).toHaveLength(1);
    expect(await audits("review.delegated", s.item.id)).toHaveLength(1);

    expect((await rejection(decideReviewItem(s.boActor, s.item.id, { decision: "certify" }))).status).toBe(403);
    await decideReviewItem(userActor(colleague), s.item.id, { decision: "certify" });
    expect((await item(s.item.id)).decidedById).toBe(colleague.id);
  });

  it("refuses (422 naming delegateTo) self, unknown, deactivated, no reviews.decide, and the requester (SoD); a reason is required", async () => {
    const s = await world();
    const inactive = await createUser(db, { roles: ["business_owner"], active: false });
    const auditor = await person("auditor");
    const cases = [s.bo.id, crypto.randomUUID(), inactive.id, auditor.id, s.grant.requestedById!, s.grant.identityApprovedById!];
    for (const delegateTo of cases) {
      const error = await rejection(decideReviewItem(s.boActor, s.item.id, { decision: "delegate", rationale: "away", delegateTo }));
      expect(error.status).toBe(422);
      expect(error.fieldErrors[0]!.path).toBe("delegateTo");
    }
    const colleague = await person("business_owner");
    const noReason = await rejection(decideReviewItem(s.boActor, s.item.id, { decision: "delegate", delegateTo: colleague.id }));
    expect(noReason.fieldErrors[0]!.path).toBe("rationale");
    expect((await item(s.item.id)).reviewerId).toBe(s.bo.id);
  });
});

describe("[REVIEWS] delegate candidates and escalation reviewers", () => {
  it("lists active reviewers other than me, never the requester or the identity approver, and only to the assigned reviewer", async () => {
    const s = await world();
    const colleague = await person("business_owner");
    const inactive = await createUser(db, { roles: ["business_owner"], active: false });
    const auditor = await person("auditor");
    const ids = (await listDelegateCandidates(s.boActor, s.item.id, 5000)).map((c) => c.id);
    expect(ids).toContain(colleague.id);
    for (const excluded of [s.bo.id, inactive.id, auditor.id, s.grant.requestedById!, s.grant.identityApprovedById!]) expect(ids).not.toContain(excluded);
    expect((await rejection(listDelegateCandidates(userActor(colleague), s.item.id))).status).toBe(404);
  });

  it("a reviewer from the escalation path (not a workflow owner) can revoke through the review", async () => {
    const s = await world();
    const backup = await person("business_owner");
    await db.update(reviewItems).set({ reviewerId: backup.id, escalationLevel: 1 }).where(eq(reviewItems.id, s.item.id));
    const out = await decideReviewItem(userActor(backup), s.item.id, { decision: "revoke", rationale: "owner unreachable; access unused" });
    expect(out.revocationId).toEqual(expect.any(String));
    expect((await grantRow(s.grant.id)).status).toBe("revoked");
  });
});

describe("[REVIEWS] campaign items hand over to the campaign's stage logic", () => {
  it("certifying the business stage opens the identity stage for an eligible identity owner, in the same transaction", async () => {
    const s = await world();
    const [campaign] = await db
      .insert(reviewCampaigns)
      .values({ name: `Q-${crypto.randomUUID()}`, stages: ["business_owner", "identity_owner"], dueAt: addDays(new Date(), 10), status: "active" })
      .returning();
    await db.update(reviewItems).set({ campaignId: campaign!.id }).where(eq(reviewItems.id, s.item.id));
    await decideReviewItem(s.boActor, s.item.id, { decision: "certify" });
    const items = await db.select().from(reviewItems).where(eq(reviewItems.campaignId, campaign!.id));
    const next = items.find((i) => i.stage === "identity_owner");
    expect(next).toMatchObject({ status: "pending", entitlementId: s.grant.id });
    expect(next!.reviewerId).not.toBeNull();
    expect([s.grant.requestedById, s.grant.identityApprovedById]).not.toContain(next!.reviewerId);
  });
});

describe("[REVIEWS] bulk decisions", () => {
  it("decides each item on its own: mine succeed, a foreign or decided one fails without blocking the rest", async () => {
    const a = await world();
    const b = await createEntitlement(db, { workflowId: a.workflow.id, nextReviewAt: addDays(new Date(), 2) });
    const [second] = await db.insert(reviewItems).values({ entitlementId: b.id, reviewerId: a.bo.id, dueAt: b.nextReviewAt! }).returning();
    const foreign = await world();
    const out = await decideReviewItems(a.boActor, { itemIds: [a.item.id, foreign.item.id, second!.id], decision: "revoke", rationale: "task ended" });
    expect(out).toMatchObject({ decided: 2, failed: 1 });
    expect(out.results.find((r) => r.id === foreign.item.id)).toMatchObject({ ok: false, status: 404 });
    expect((await grantRow(a.grant.id)).status).toBe("revoked");
    expect((await grantRow(b.id)).status).toBe("revoked");
    expect((await grantRow(foreign.grant.id)).status).toBe("active");

    const again = await decideReviewItems(a.boActor, { itemIds: [a.item.id], decision: "certify" });
    expect(again.results[0]).toMatchObject({ ok: false, status: 409 });
  });
});
