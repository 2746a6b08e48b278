import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { bindNhi, createCredential, createDataSet, createEntitlement, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, credentials, entitlements, hookDeliveries, hookEvents, hooks, revocations, users, workflows } from "@/db/schema";
import { systemActor, userActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { retireWorkflow } from "./lifecycle";

const addDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/**
 * Workflow W (the one retired) and W2 (another workflow):
 *  - NHI `solo` serves only W; NHI `shared` serves W and W2.
 *  - W has an active and a pending entitlement on solo, an active one on shared, and an old revoked one.
 *  - credentials: solo's unscoped key (revoke), solo's rotated key (leave), shared's key scoped to W's
 *    entitlement (revoke), shared's unscoped key (leave: shared still serves W2), shared's key scoped to W2 (leave).
 */
async function world() {
  const businessOwner = await createUser(db, { roles: ["business_owner"] });
  const identityOwner = await createUser(db, { roles: ["identity_owner"] });
  const [d1, d2] = [await createDataSet(db), await createDataSet(db)];
  const approved = [d1, d2].map((d) => ({ dataSetId: d.id, actions: ["read" as const, "write" as const], justification: "Needed for the task." }));
  const owners = { businessOwnerId: businessOwner.id, identityOwnerId: identityOwner.id };
  const w = await createWorkflow(db, { ...owners, dataSets: approved });
  const w2 = await createWorkflow(db, { dataSets: approved });
  const [solo, shared] = [await createNhi(db), await createNhi(db)];
  await bindNhi(db, w.id, solo.id);
  await bindNhi(db, w.id, shared.id);
  await bindNhi(db, w2.id, shared.id);

  const eSoloActive = await createEntitlement(db, { workflowId: w.id, dataSetId: d1.id, nhiId: solo.id });
  const eSoloPending = await createEntitlement(db, { workflowId: w.id, dataSetId: d2.id, nhiId: solo.id, status: "pending", actions: ["write"] });
  const eShared = await createEntitlement(db, { workflowId: w.id, dataSetId: d1.id, nhiId: shared.id });
  const eOld = await createEntitlement(db, { workflowId: w.id, dataSetId: d2.id, nhiId: shared.id, status: "revoked", revokedAt: addDays(-10), revokeReason: "old" });
  const eOther = await createEntitlement(db, { workflowId: w2.id, dataSetId: d1.id, nhiId: shared.id });

  const cSolo = await createCredential(db, { nhiId: solo.id });
  const cSoloRotated = await createCredential(db, { nhiId: solo.id, status: "rotated" });
  const cSharedScopedW = await createCredential(db, { nhiId: shared.id, entitlementId: eShared.id, expiresAt: addDays(30) });
  const cSharedPlain = await createCredential(db, { nhiId: shared.id });
  const cSharedScopedW2 = await createCredential(db, { nhiId: shared.id, entitlementId: eOther.id });

  return {
    w,
    w2,
    bo: userActor(businessOwner),
    businessOwner,
    revokedEntitlements: [eSoloActive, eSoloPending, eShared].map((e) => e.id).sort(),
    keptEntitlements: [eOld, eOther].map((e) => e.id),
    eSoloPending,
    revokedCredentials: [cSolo, cSharedScopedW].map((c) => c.id).sort(),
    keptCredentials: [cSoloRotated, cSharedPlain, cSharedScopedW2].map((c) => c.id),
    sharedPlain: cSharedPlain.id,
  };
}

/** Everything retirement could touch, to prove "nothing changed". */
async function snapshot() {
  return {
    workflows: await db.select().from(workflows).orderBy(asc(workflows.id)),
    entitlements: await db.select().from(entitlements).orderBy(asc(entitlements.id)),
    credentials: await db.select().from(credentials).orderBy(asc(credentials.id)),
    revocations: await db.select().from(revocations),
    hookEvents: await db.select().from(hookEvents),
    hookDeliveries: await db.select().from(hookDeliveries),
    audit: (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n,
  };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const statusOf = async (table: typeof entitlements | typeof credentials, list: string[]) =>
  (await db.select({ id: table.id, status: table.status }).from(table).where(inArray(table.id, list))).map((r) => r.status);

describe("[WORKFLOWS] retire (invariant 4: offboarding)", () => {
  it("dryRun lists exactly what the real retire revokes, and changes nothing", async () => {
    const s = await world();
    const before = await snapshot();
    const preview = await retireWorkflow(s.bo, s.w.id, { dryRun: true, reason: "preview" });
    expect(await snapshot()).toEqual(before);
    expect(preview.workflow.status).toBe("retired"); // what it would become
    expect(ids(preview.revoked.entitlements)).toEqual(s.revokedEntitlements);
    expect(ids(preview.revoked.credentials)).toEqual(s.revokedCredentials);

    const real = await retireWorkflow(s.bo, s.w.id, { reason: "task discontinued" });
    expect(ids(real.revoked.entitlements)).toEqual(ids(preview.revoked.entitlements));
    expect(ids(real.revoked.credentials)).toEqual(ids(preview.revoked.credentials));
    expect(real.revoked.entitlements.map((e) => ({ ...e, id: undefined })).sort((a, b) => a.nhiName.localeCompare(b.nhiName))).toEqual(
      preview.revoked.entitlements.map((e) => ({ ...e, id: undefined })).sort((a, b) => a.nhiName.localeCompare(b.nhiName)),
    );
  });

  it("revokes every open entitlement and workflow-only credential, and nothing of another workflow", async () => {
    const s = await world();
    const keptBefore = await db.select().from(entitlements).where(inArray(entitlements.id, s.keptEntitlements)).orderBy(asc(entitlements.id));
    const credsKeptBefore = await db.select().from(credentials).where(inArray(credentials.id, s.keptCredentials)).orderBy(asc(credentials.id));
    const w2Before = (await db.select().from(workflows).where(eq(workflows.id, s.w2.id)))[0];

    const result = await retireWorkflow(s.bo, s.w.id, { reason: "task discontinued" });
    expect(result.workflow.status).toBe("retired");

    const revoked = await db.select().from(entitlements).where(inArray(entitlements.id, s.revokedEntitlements));
    expect(revoked.map((e) => e.status)).toEqual(["revoked", "revoked", "revoked"]);
    for (const e of revoked) {
      expect(e).toMatchObject({ revokedById: s.businessOwner.id, revokeReason: "task discontinued" });
      expect(e.revokedAt).toBeInstanceOf(Date);
    }
    const revokedCreds = await db.select().from(credentials).where(inArray(credentials.id, s.revokedCredentials));
    expect(revokedCreds.map((c) => [c.status, c.revokedById, c.revokeReason])).toEqual([
      ["revoked", s.businessOwner.id, "task discontinued"],
      ["revoked", s.businessOwner.id, "task discontinued"],
    ]);
    expect(await db.select().from(entitlements).where(inArray(entitlements.id, s.keptEntitlements)).orderBy(asc(entitlements.id))).toEqual(keptBefore);
    expect(await db.select().from(credentials).where(inArray(credentials.id, s.keptCredentials)).orderBy(asc(credentials.id))).toEqual(credsKeptBefore);
    expect((await db.select().from(workflows).where(eq(workflows.id, s.w2.id)))[0]).toEqual(w2Before);
  });

  it("records the prior state in one revocations row, referenced by the one audit event", async () => {
    const s = await world();
    await retireWorkflow(s.bo, s.w.id);
    const rows = await db.select().from(revocations).where(eq(revocations.workflowId, s.w.id));
    expect(rows).toHaveLength(1);
    const revocation = rows[0]!;
    expect(revocation).toMatchObject({ targetType: "workflow", targetId: s.w.id, actorId: s.businessOwner.id, reason: "Workflow retired (offboarding)" });
    const prior = revocation.priorState as { entitlements: { id: string; status: string }[]; credentials: { id: string; status: string }[] };
    expect([...prior.entitlements].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      s.revokedEntitlements.map((id) => ({ id, status: id === s.eSoloPending.id ? "pending" : "active" })),
    );
    expect([...prior.credentials].sort((a, b) => a.id.localeCompare(b.id))).toEqual(s.revokedCredentials.map((id) => ({ id, status: "active" })));
    expect(revocation.undoUntil.getTime()).toBeGreaterThan(Date.now());

    const log = await db.select().from(auditEvents).where(eq(auditEvents.targetId, s.w.id));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: "workflow.retired",
      before: { status: "active" },
      after: { status: "retired", revokedEntitlements: 3, revokedCredentials: 2, revocationId: revocation.id, hookDeliveries: 0 },
    });
    const events = await db.select().from(hookEvents).where(eq(hookEvents.revocationId, revocation.id));
    expect(events.map((e) => [e.type, (e.payload as { workflow: { id: string } }).workflow.id])).toEqual([["workflow.retired", s.w.id]]);
  });

  it("retiring twice is a no-op: nothing more is revoked or audited", async () => {
    const s = await world();
    await retireWorkflow(s.bo, s.w.id);
    const before = await snapshot();
    const again = await retireWorkflow(s.bo, s.w.id);
    expect(again.revoked).toEqual({ entitlements: [], credentials: [] });
    expect(await snapshot()).toEqual(before);
  });

  it("is one transaction: when the status change fails, nothing is revoked", async () => {
    const s = await world();
    const before = await snapshot();
    await db.execute(sql.raw(`
      create or replace function refuse_retire() returns trigger language plpgsql as $$
      begin raise exception 'retirement refused by test trigger'; end; $$;
      create trigger refuse_retire before update on workflows
        for each row when (new.status = 'retired') execute function refuse_retire();`));
    try {
      await expect(retireWorkflow(s.bo, s.w.id)).rejects.toThrow();
    } finally {
      await db.execute(sql.raw(`drop trigger refuse_retire on workflows; drop function refuse_retire();`));
    }
    expect(await snapshot()).toEqual(before);
    expect(await statusOf(entitlements, s.revokedEntitlements)).not.toContain("revoked");
    expect(await statusOf(credentials, s.revokedCredentials)).toEqual(["active", "active"]);
  });

  it("is one transaction: when the audit write fails, nothing is revoked (fail closed)", async () => {
    const s = await world();
    const before = await snapshot();
    const unauditable = { ...systemActor("offboarding"), label: null as unknown as string };
    const error = await retireWorkflow(unauditable, s.w.id).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AppError);
    expect(await snapshot()).toEqual(before);
  });

  it("an NHI whose only other workflow is already retired serves nothing else: its credentials go too", async () => {
    const s = await world();
    const w2Owner = userActor((await db.select().from(users).where(eq(users.id, s.w2.businessOwnerId!)))[0]!);
    await retireWorkflow(w2Owner, s.w2.id, { reason: "the other workflow ends first" });
    // shared's unscoped key rightly survives W2's retirement: shared still serves W.
    expect(await statusOf(credentials, [s.sharedPlain])).toEqual(["active"]);

    const result = await retireWorkflow(s.bo, s.w.id);
    expect(ids(result.revoked.credentials)).toEqual([...s.revokedCredentials, s.sharedPlain].sort());
    // No secret of either workflow outlives both of them.
    const live = await db.select({ id: credentials.id }).from(credentials).where(and(inArray(credentials.id, [...s.keptCredentials, ...s.revokedCredentials]), eq(credentials.status, "active")));
    expect(live).toEqual([]);
  });

  it("writes the outbox in the same transaction: one delivery per active subscribed hook, none on dryRun", async () => {
    const s = await world();
    const hook = (name: string, events: string[], active = true) => ({ name, url: `https://hooks.example.com/${name}`, events, format: "caep-set" as const, active });
    await db.insert(hooks).values([hook("siem", ["workflow.retired"]), hook("idp", ["workflow.retired", "credential.revoked"]), hook("paused", ["workflow.retired"], false), hook("other", ["identity.revoked"])]);
    try {
      const before = await snapshot();
      await retireWorkflow(s.bo, s.w.id, { dryRun: true });
      expect(await snapshot()).toEqual(before);

      await retireWorkflow(s.bo, s.w.id);
      const [revocation] = await db.select().from(revocations).where(eq(revocations.workflowId, s.w.id));
      const events = await db.select().from(hookEvents).where(eq(hookEvents.revocationId, revocation!.id));
      expect(events.map((e) => e.type)).toEqual(["workflow.retired"]);
      const deliveries = await db.select({ hook: hooks.name }).from(hookDeliveries).innerJoin(hooks, eq(hooks.id, hookDeliveries.hookId)).where(eq(hookDeliveries.eventId, events[0]!.id));
      expect(deliveries.map((d) => d.hook).sort()).toEqual(["idp", "siem"]);
    } finally {
      await db.update(hooks).set({ active: false }).where(eq(hooks.active, true));
    }
  });

  it("refuses a business owner who does not own the workflow, revoking nothing", async () => {
    const s = await world();
    const before = await snapshot();
    const stranger = userActor(await createUser(db, { roles: ["business_owner"] }));
    const error = await retireWorkflow(stranger, s.w.id).then(() => null, (e: unknown) => e as AppError);
    expect(error?.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    const [kept] = await db.select().from(entitlements).where(and(eq(entitlements.workflowId, s.w.id), eq(entitlements.status, "active")));
    expect(kept).toBeDefined();
  });
});
