import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createCredential, createEntitlement, createUser, createWorkflow } from "@/db/seed/factories";
import { findings, reviewCampaigns, reviewItems } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { systemActor, userActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { getOverview } from "./get-overview";
import { listMyActions } from "./list-my-actions";

const DAY = 24 * 60 * 60 * 1000;
const user = (...roles: Role[]) => createUser(db, { roles });
const ids = (rows: { entitlementId: string }[]) => rows.map((r) => r.entitlementId);

describe("[OVERVIEW] listMyActions", () => {
  it("approvals: the business owner gets their workflow's unsigned requests, identity owners every request missing the technical signature, nobody their own", async () => {
    const bo = await user("business_owner");
    const io = await user("identity_owner");
    const both = await user("business_owner", "identity_owner");
    const wf = await createWorkflow(db, { businessOwnerId: bo.id });
    const bothWf = await createWorkflow(db, { businessOwnerId: both.id });
    const p1 = await createEntitlement(db, { workflowId: wf.id, status: "pending" });
    const p2 = await createEntitlement(db, { workflowId: wf.id, status: "pending", businessApprovedById: bo.id, businessApprovedAt: new Date() });
    const p3 = await createEntitlement(db, { workflowId: wf.id, status: "pending", requestedById: io.id });
    const p4 = await createEntitlement(db, { status: "pending" }); // someone else's workflow
    const p5 = await createEntitlement(db, { workflowId: bothWf.id, status: "pending" });
    await createEntitlement(db, { workflowId: wf.id, status: "active" });

    const mine = await listMyActions(userActor(bo));
    expect(ids(mine.approvals.items)).toEqual([p1.id, p3.id]);
    expect(mine.approvals.items.every((a) => a.side === "business")).toBe(true);
    expect(mine.approvals.total).toBe(2);

    const technical = await listMyActions(userActor(io));
    expect(ids(technical.approvals.items)).toEqual([p1.id, p2.id, p4.id, p5.id]);
    expect(technical.approvals.items.every((a) => a.side === "identity")).toBe(true);

    // Holding both roles, the business signature on their own workflow comes first.
    const dual = await listMyActions(userActor(both));
    const sides = Object.fromEntries(dual.approvals.items.map((a) => [a.entitlementId, a.side]));
    expect(sides).toEqual({ [p1.id]: "identity", [p2.id]: "identity", [p3.id]: "identity", [p4.id]: "identity", [p5.id]: "business" });
  });

  it("reviews: only my pending items, soonest due first, eight shown with the full total", async () => {
    const me = await user("business_owner");
    const other = await user("business_owner");
    const grant = await createEntitlement(db);
    const campaigns = await db
      .insert(reviewCampaigns)
      .values(Array.from({ length: 12 }, (_, i) => ({ name: `c${i}`, stages: ["business_owner" as const], dueAt: new Date(Date.now() + DAY), status: "active" as const })))
      .returning();
    const due = (days: number) => new Date(Date.now() + days * DAY);
    await db.insert(reviewItems).values([
      ...campaigns.slice(0, 10).map((c, i) => ({ campaignId: c.id, entitlementId: grant.id, reviewerId: me.id, dueAt: due(10 - i) })),
      { campaignId: campaigns[10]!.id, entitlementId: grant.id, reviewerId: me.id, dueAt: due(-5), status: "decided" as const, decision: "certify" as const },
      { campaignId: campaigns[11]!.id, entitlementId: grant.id, reviewerId: other.id, dueAt: due(-5) },
    ]);

    const { reviews } = await listMyActions(userActor(me));
    expect(reviews.total).toBe(10);
    expect(reviews.items).toHaveLength(8);
    expect(reviews.items.map((r) => r.campaignId)).toEqual(campaigns.slice(2, 10).reverse().map((c) => c.id));
    expect(reviews.items[0]!.dueAt.getTime()).toBeLessThan(reviews.items[7]!.dueAt.getTime());
  });

  it("findings: only open findings I own, most severe first", async () => {
    const me = await user("identity_owner");
    const other = await user("identity_owner");
    const insert = (severity: "low" | "medium" | "high" | "critical", fields: Partial<typeof findings.$inferInsert> = {}) =>
      db
        .insert(findings)
        .values({ ruleId: "r", targetType: "nhi", targetId: crypto.randomUUID(), severity, frameworks: ["NHI1"], ownerId: me.id, ...fields })
        .returning()
        .then((rows) => rows[0]!);
    const low = await insert("low", { firstSeenAt: new Date(Date.now() - 3 * DAY) });
    const critical = await insert("critical");
    await insert("high", { status: "accepted", acceptedUntil: new Date(Date.now() + DAY) });
    await insert("high", { status: "resolved", resolvedAt: new Date() });
    await insert("critical", { ownerId: other.id });

    const { findings: mine } = await listMyActions(userActor(me));
    expect(mine.items.map((f) => f.id)).toEqual([critical.id, low.id]);
    expect(mine.total).toBe(2);
  });

  it("a user without roles gets 403; the system (no user) has nothing waiting", async () => {
    const error = await listMyActions(userActor(await user())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(403);
    expect(await listMyActions(systemActor("test"))).toEqual({
      approvals: { items: [], total: 0 },
      reviews: { items: [], total: 0 },
      findings: { items: [], total: 0 },
    });
  });
});

describe("[OVERVIEW] getOverview", () => {
  it("counts standing credentials expiring within 30 days and those expired but still active, never JIT tokens or ones without expiry", async () => {
    const auditor = userActor(await user("auditor"));
    const now = new Date();
    const before = (await getOverview(auditor, now)).kpis;
    await createCredential(db, { expiresAt: new Date(now.getTime() + 10 * DAY) });
    await createCredential(db, { expiresAt: new Date(now.getTime() + 40 * DAY) });
    await createCredential(db, { expiresAt: new Date(now.getTime() - DAY) });
    await createCredential(db, { expiresAt: new Date(now.getTime() - DAY), status: "revoked" });
    await createCredential(db, { kind: "jit_token", jti: crypto.randomUUID(), expiresAt: new Date(now.getTime() + 60_000) });
    await createCredential(db, { expiresAt: null });
    const after = (await getOverview(auditor, now)).kpis;
    expect(after.credentialsExpiringSoon - before.credentialsExpiringSoon).toBe(1);
    expect(after.credentialsExpired - before.credentialsExpired).toBe(1);

    const error = await getOverview(userActor(await user()), now).catch((e: unknown) => e);
    expect((error as AppError).status).toBe(403);
  });
});
