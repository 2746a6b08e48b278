import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { bindNhi, createCredential, createDataSet, createEntitlement, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, credentials, entitlements, nhis, notifications, workflowNhis, workflows } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { createWorkflow as declareWorkflow } from "./create-workflow";
import { updateWorkflow } from "./update-workflow";

const DAY = 86_400_000;
const inDays = (days: number, from = Date.now()) => new Date(from + days * DAY);

/**
 * An `automated` workflow with: a bound-only NHI, an entitled-only NHI (binding removed),
 * an unrelated NHI; JIT and static entitlements; long-lived, short-lived and JIT credentials.
 */
async function world() {
  const businessOwner = await createUser(db, { roles: ["business_owner"] });
  const identityOwner = await createUser(db, { roles: ["identity_owner"] });
  const [d1, d2, d3] = [await createDataSet(db), await createDataSet(db), await createDataSet(db)];
  const w = await createWorkflow(db, {
    businessOwnerId: businessOwner.id,
    identityOwnerId: identityOwner.id,
    autonomy: "automated",
    maxJitTtlSeconds: 3600,
    reviewCadenceDays: 90,
    dataSets: [d1, d2, d3].map((d) => ({ dataSetId: d.id, actions: ["read" as const], justification: "Needed for the task." })),
  });
  const [bound, entitled, unrelated, alreadyPrivileged] = [await createNhi(db), await createNhi(db), await createNhi(db), await createNhi(db, { classification: "privileged" })];
  await bindNhi(db, w.id, bound.id);
  await bindNhi(db, w.id, alreadyPrivileged.id);

  const now = Date.now();
  const eJitLong = await createEntitlement(db, { workflowId: w.id, dataSetId: d1.id, nhiId: entitled.id, jit: true, maxTtlSeconds: 3600, cadenceDays: 180, nextReviewAt: inDays(180) });
  const eJitShort = await createEntitlement(db, { workflowId: w.id, dataSetId: d2.id, nhiId: entitled.id, jit: true, maxTtlSeconds: 300, cadenceDays: 20, nextReviewAt: inDays(10) });
  const eStatic = await createEntitlement(db, { workflowId: w.id, dataSetId: d3.id, nhiId: entitled.id, jit: false, maxTtlSeconds: 7200, cadenceDays: 90, nextReviewAt: inDays(90) });
  await db.delete(workflowNhis).where(and(eq(workflowNhis.workflowId, w.id), eq(workflowNhis.nhiId, entitled.id)));

  const longLived = [
    await createCredential(db, { nhiId: bound.id, name: "no-expiry", expiresAt: null }),
    await createCredential(db, { nhiId: entitled.id, name: "one-year", issuedAt: new Date(now), expiresAt: inDays(365, now) }),
    await createCredential(db, { nhiId: bound.id, name: "91-days", issuedAt: new Date(now), expiresAt: inDays(91, now) }),
    await createCredential(db, { nhiId: alreadyPrivileged.id, name: "privileged-no-expiry" }),
  ];
  const notFlagged = [
    await createCredential(db, { nhiId: bound.id, name: "30-days", issuedAt: new Date(now), expiresAt: inDays(30, now) }),
    await createCredential(db, { nhiId: bound.id, name: "90-days", issuedAt: new Date(now), expiresAt: inDays(90, now) }),
    await createCredential(db, { nhiId: entitled.id, name: "jit", kind: "jit_token", jti: `jti-${crypto.randomUUID()}`, expiresAt: null }),
    await createCredential(db, { nhiId: bound.id, name: "revoked", status: "revoked", expiresAt: null }),
    await createCredential(db, { nhiId: unrelated.id, name: "unrelated", expiresAt: null }),
  ];
  return {
    w, businessOwner, identityOwner, bo: userActor(businessOwner), bound, entitled, unrelated, alreadyPrivileged,
    eJitLong, eJitShort, eStatic, longLived, notFlagged,
  };
}
type World = Awaited<ReturnType<typeof world>>;

async function snapshot(s: World) {
  return {
    workflow: (await db.select().from(workflows).where(eq(workflows.id, s.w.id)))[0],
    nhis: await db.select().from(nhis).orderBy(asc(nhis.id)),
    entitlements: await db.select().from(entitlements).orderBy(asc(entitlements.id)),
    credentials: await db.select().from(credentials).orderBy(asc(credentials.id)),
    audit: (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n,
    notifications: (await db.select({ n: sql<number>`count(*)::int` }).from(notifications))[0]!.n,
  };
}

const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe("[WORKFLOWS] raising autonomy (invariant 5)", () => {
  it("dryRun reports the same impact as the real change, and changes nothing", async () => {
    const s = await world();
    const before = await snapshot(s);
    const preview = await updateWorkflow(s.bo, s.w.id, { autonomy: "autonomous" }, { dryRun: true });
    expect(await snapshot(s)).toEqual(before);
    expect(preview.impact.autonomy).not.toBeNull();

    const real = await updateWorkflow(s.bo, s.w.id, { autonomy: "autonomous" });
    const normalise = (a: NonNullable<typeof real.impact.autonomy>) => ({
      ...a,
      reclassifiedNhis: sortById(a.reclassifiedNhis),
      flaggedCredentials: sortById(a.flaggedCredentials),
    });
    expect(normalise(preview.impact.autonomy!)).toEqual(normalise(real.impact.autonomy!));
  });

  it("reclassifies bound and entitled NHIs to privileged, and only those", async () => {
    const s = await world();
    const { impact } = await updateWorkflow(s.bo, s.w.id, { autonomy: "autonomous" });
    expect(impact.autonomy!.reclassifiedNhis.map((n) => n.id).sort()).toEqual([s.bound.id, s.entitled.id].sort());
    const rows = await db.select({ id: nhis.id, classification: nhis.classification }).from(nhis);
    const byId = new Map(rows.map((r) => [r.id, r.classification]));
    expect([s.bound, s.entitled, s.alreadyPrivileged].map((n) => byId.get(n.id))).toEqual(["privileged", "privileged", "privileged"]);
    expect(byId.get(s.unrelated.id)).toBe("utility");
  });

  it("caps the JIT TTL at 900 s on the workflow and on its JIT entitlements only", async () => {
    const s = await world();
    const { workflow, impact } = await updateWorkflow(s.bo, s.w.id, { autonomy: "autonomous" });
    expect(impact.autonomy).toMatchObject({ jitTtlCapSeconds: 900, cappedJitEntitlements: 1 });
    const [stored] = await db.select().from(workflows).where(eq(workflows.id, s.w.id));
    expect(stored!.maxJitTtlSeconds).toBe(900);
    expect(workflow.autonomy).toBe("autonomous");
    const ttl = async (id: string) => (await db.select().from(entitlements).where(eq(entitlements.id, id)))[0]!.maxTtlSeconds;
    expect(await ttl(s.eJitLong.id)).toBe(900);
    expect(await ttl(s.eJitShort.id)).toBe(300); // already below the cap
    expect(await ttl(s.eStatic.id)).toBe(7200); // not JIT: no token TTL to cap
  });

  it("sets the review cadence to at most 30 days and pulls next reviews within 30 days", async () => {
    const s = await world();
    const { impact } = await updateWorkflow(s.bo, s.w.id, { autonomy: "autonomous" });
    expect(impact.autonomy).toMatchObject({ cadenceDays: 30, rescheduledReviews: 2 });
    const [stored] = await db.select().from(workflows).where(eq(workflows.id, s.w.id));
    expect(stored!.reviewCadenceDays).toBe(30);
    const rows = await db.select().from(entitlements).where(eq(entitlements.workflowId, s.w.id));
    const limit = inDays(30).getTime() + 60_000;
    for (const e of rows) {
      expect(e.cadenceDays).toBeLessThanOrEqual(30);
      expect(e.nextReviewAt!.getTime()).toBeLessThanOrEqual(limit);
    }
    const short = rows.find((e) => e.id === s.eJitShort.id)!;
    expect(short.cadenceDays).toBe(20); // a shorter cadence is kept
    expect(short.nextReviewAt).toEqual(s.eJitShort.nextReviewAt); // an earlier review is not pushed back
  });

  it("flags long-lived credentials (no expiry, or > 90 days) but not short-lived, JIT, revoked or unrelated ones", async () => {
    const s = await world();
    const { impact } = await updateWorkflow(s.bo, s.w.id, { autonomy: "autonomous" });
    expect(impact.autonomy!.flaggedCredentials.map((c) => c.id).sort()).toEqual(s.longLived.map((c) => c.id).sort());
    const flagged = await db.select().from(credentials).where(inArray(credentials.id, s.longLived.map((c) => c.id)));
    for (const c of flagged) {
      expect(c.flaggedAt).toBeInstanceOf(Date);
      expect(c.flagReason).toMatch(/autonomous/);
      expect(c.status).toBe("active"); // flagged, not revoked
    }
    const clean = await db.select().from(credentials).where(inArray(credentials.id, s.notFlagged.map((c) => c.id)));
    expect(clean.map((c) => [c.name, c.flaggedAt])).toEqual(expect.arrayContaining(s.notFlagged.map((c) => [c.name, null])));
    expect(clean).toHaveLength(s.notFlagged.length);
  });

  it("audits the posture and tells the identity owner", async () => {
    const s = await world();
    await updateWorkflow(s.bo, s.w.id, { autonomy: "autonomous", reason: "agent now acts alone" });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, s.w.id));
    expect(event).toMatchObject({ action: "workflow.updated", reason: "agent now acts alone", before: { autonomy: "automated" }, after: { autonomy: "autonomous" } });
    const posture = event!.after!.autonomousPosture as { reclassifiedNhis: unknown[]; flaggedCredentials: unknown[] };
    expect(posture.reclassifiedNhis).toHaveLength(2);
    expect(posture.flaggedCredentials).toHaveLength(4);
    const inbox = await db.select().from(notifications).where(eq(notifications.userId, s.identityOwner.id));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.body).toMatch(/autonomous/);
  });

  it("lowering autonomy later un-flags nothing and restores nothing", async () => {
    const s = await world();
    await updateWorkflow(s.bo, s.w.id, { autonomy: "autonomous" });
    const raised = await snapshot(s);
    const { impact } = await updateWorkflow(s.bo, s.w.id, { autonomy: "assistive" });
    expect(impact.autonomy).toBeNull();
    const lowered = await snapshot(s);
    expect(lowered.workflow).toMatchObject({ autonomy: "assistive", maxJitTtlSeconds: 900, reviewCadenceDays: 30 });
    expect(lowered.nhis).toEqual(raised.nhis);
    expect(lowered.credentials).toEqual(raised.credentials);
    expect(lowered.entitlements.map((e) => [e.id, e.maxTtlSeconds, e.cadenceDays, e.nextReviewAt])).toEqual(
      raised.entitlements.map((e) => [e.id, e.maxTtlSeconds, e.cadenceDays, e.nextReviewAt]),
    );

    // Raising again does not re-stamp the flags already raised.
    await updateWorkflow(s.bo, s.w.id, { autonomy: "autonomous" });
    expect((await snapshot(s)).credentials.map((c) => c.flaggedAt)).toEqual(raised.credentials.map((c) => c.flaggedAt));
  });

  it("a workflow declared autonomous gets the same workflow-level caps from the start", async () => {
    const businessOwner = await createUser(db, { roles: ["business_owner"] });
    const identityOwner = await createUser(db, { roles: ["identity_owner"] });
    const declared = await declareWorkflow(userActor(businessOwner), {
      name: `Autonomous agent ${crypto.randomUUID()}`,
      purpose: "An agent that reconciles invoices against purchase orders and files corrections without a human in the loop.",
      identityOwnerId: identityOwner.id,
      autonomy: "autonomous",
      vendor: null,
      reviewCadenceDays: 90,
      escalationPath: [],
      exceptionConditions: [],
      dataSets: [],
    });
    const [stored] = await db.select().from(workflows).where(eq(workflows.id, declared.id));
    expect(stored).toMatchObject({ autonomy: "autonomous", maxJitTtlSeconds: 900 });
    expect(stored!.reviewCadenceDays).toBeLessThanOrEqual(30);
  });

  it("an edit that does not raise autonomy applies no posture", async () => {
    const s = await world();
    const before = await snapshot(s);
    const { impact } = await updateWorkflow(s.bo, s.w.id, { autonomy: "automated", vendor: "Acme AI" });
    expect(impact.autonomy).toBeNull();
    const after = await snapshot(s);
    expect(after.nhis).toEqual(before.nhis);
    expect(after.credentials).toEqual(before.credentials);
    expect(after.workflow).toMatchObject({ maxJitTtlSeconds: 3600, reviewCadenceDays: 90 });
  });
});
