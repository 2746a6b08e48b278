import crypto from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createCredential, createEntitlement, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, credentials, entitlements, hookDeliveries, hookEvents, nhis, revocations } from "@/db/schema";
import { type Actor, userActor } from "@/lib/domain/actor";
import { createHook } from "@/lib/domain/hooks/manage-hooks";
import { AppError } from "@/lib/errors";
import { restoreEntitlement, restoreRevocation } from "./restore-revocation";
import { revokeAllForWorkflow, revokeEntitlement, revokeIdentity } from "./revoke-access";

const actorWith = async (...roles: ("business_owner" | "identity_owner" | "auditor" | "admin")[]) => userActor(await createUser(db, { roles }));
const count = async (table: typeof revocations | typeof auditEvents | typeof hookEvents | typeof hookDeliveries) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const writes = () => Promise.all([count(revocations), count(auditEvents), count(hookEvents), count(hookDeliveries)]);
const entitlement = async (id: string) => (await db.select().from(entitlements).where(eq(entitlements.id, id)))[0]!;
const statuses = async (ids: string[]) =>
  Object.fromEntries((await db.select({ id: credentials.id, status: credentials.status }).from(credentials).where(inArray(credentials.id, ids))).map((c) => [c.id, c.status]));
const auditFor = (action: string, targetId: string) => db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)));
const revocationsOf = (entitlementId: string) =>
  db.select().from(revocations).where(sql`${revocations.priorState}->'entitlements' @> ${JSON.stringify([{ id: entitlementId }])}::jsonb`).orderBy(revocations.createdAt);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Workflow with both owners; an active grant with an API key and a JIT token scoped to it, and an unscoped key of its NHI. */
async function world(status: "active" | "pending" = "active") {
  const bo = await createUser(db, { roles: ["business_owner"] });
  const io = await createUser(db, { roles: ["identity_owner"] });
  const workflow = await createWorkflow(db, { businessOwnerId: bo.id, identityOwnerId: io.id });
  const grant = await createEntitlement(db, { workflowId: workflow.id, status });
  const key = await createCredential(db, { nhiId: grant.nhiId, entitlementId: grant.id });
  const jit = await createCredential(db, { nhiId: grant.nhiId, entitlementId: grant.id, kind: "jit_token", jti: crypto.randomUUID(), expiresAt: new Date(Date.now() + 600_000) });
  const unscoped = await createCredential(db, { nhiId: grant.nhiId });
  return { bo: userActor(bo), io: userActor(io), workflow, grant, key, jit, unscoped };
}

/** Everything an undo must put back, minus bookkeeping timestamps. */
async function snapshot(entitlementIds: string[], credentialIds: string[], nhiIds: string[] = []) {
  const strip = <T extends { updatedAt: Date }>(rows: T[]) => rows.map(({ updatedAt: _u, ...rest }) => rest);
  return {
    entitlements: strip(await db.select().from(entitlements).where(inArray(entitlements.id, entitlementIds)).orderBy(entitlements.id)),
    credentials: strip(await db.select().from(credentials).where(inArray(credentials.id, credentialIds)).orderBy(credentials.id)),
    nhis: nhiIds.length ? strip(await db.select().from(nhis).where(inArray(nhis.id, nhiIds)).orderBy(nhis.id)) : [],
  };
}

describe("[REVOCATION] invariant 3: revoke is immediate and total", () => {
  it("after revokeEntitlement returns: revoked with who/when/why, every scoped credential (JIT too) revoked, one audit event, one outbox row per subscribed hook", async () => {
    const s = await world();
    const actor = await actorWith("identity_owner");
    const hook = await createHook(actor, { name: "h", url: "https://93.184.216.34/hook", events: ["entitlement.revoked"], format: "standard-webhooks" });
    const started = Date.now();
    const out = await revokeEntitlement(actor, s.grant.id, "  task finished  ");
    expect(out).toMatchObject({ revoked: true, entitlements: 1, credentials: 2, deliveries: 1 });
    expect(out.undoUntil!.getTime() - started).toBeGreaterThanOrEqual(29_000);
    expect(out.undoUntil!.getTime() - started).toBeLessThanOrEqual(31_000);
    const after = await entitlement(s.grant.id);
    expect(after).toMatchObject({ status: "revoked", revokedById: actor.userId, revokeReason: "task finished" });
    expect(after.revokedAt).toBeInstanceOf(Date);
    expect(await statuses([s.key.id, s.jit.id, s.unscoped.id])).toEqual({ [s.key.id]: "revoked", [s.jit.id]: "revoked", [s.unscoped.id]: "active" });
    expect(await auditFor("entitlement.revoked", s.grant.id)).toHaveLength(1);
    const [event] = await db.select().from(hookEvents).where(eq(hookEvents.revocationId, out.revocationId!));
    expect(await db.select().from(hookDeliveries).where(and(eq(hookDeliveries.eventId, event!.id), eq(hookDeliveries.hookId, hook.id)))).toHaveLength(1);
  });

  it("revoking twice is a no-op: revoked false and nothing more written", async () => {
    const s = await world();
    expect((await revokeEntitlement(s.io, s.grant.id)).revoked).toBe(true);
    const before = await writes();
    expect(await revokeEntitlement(s.io, s.grant.id)).toEqual({ revoked: false, revocationId: null, undoUntil: null, entitlements: 0, credentials: 0, deliveries: 0 });
    expect(await writes()).toEqual(before);
  });

  it("revokeIdentity suspends the NHI and revokes all its entitlements (in every workflow) and credentials", async () => {
    const s = await world();
    const other = await createEntitlement(db, { nhiId: s.grant.nhiId, status: "pending" });
    const out = await revokeIdentity(await actorWith("identity_owner"), s.grant.nhiId, "compromised");
    expect(out).toMatchObject({ revoked: true, entitlements: 2, credentials: 3 });
    expect((await db.select().from(nhis).where(eq(nhis.id, s.grant.nhiId)))[0]!.status).toBe("suspended");
    for (const id of [s.grant.id, other.id]) expect((await entitlement(id)).status).toBe("revoked");
    expect(Object.values(await statuses([s.key.id, s.jit.id, s.unscoped.id]))).toEqual(["revoked", "revoked", "revoked"]);
    expect(await auditFor("identity.revoked", s.grant.nhiId)).toHaveLength(1);
  });

  it("revokeAllForWorkflow revokes everything of the workflow and nothing of another workflow", async () => {
    const s = await world();
    const second = await createEntitlement(db, { workflowId: s.workflow.id, status: "pending" });
    const elsewhere = await world();
    const out = await revokeAllForWorkflow(s.bo, s.workflow.id, "kill switch");
    expect(out).toMatchObject({ revoked: true, entitlements: 2 });
    for (const id of [s.grant.id, second.id]) expect((await entitlement(id)).status).toBe("revoked");
    expect((await statuses([s.key.id, s.jit.id]))).toEqual({ [s.key.id]: "revoked", [s.jit.id]: "revoked" });
    expect((await entitlement(elsewhere.grant.id)).status).toBe("active");
    expect(Object.values(await statuses([elsewhere.key.id, elsewhere.jit.id, elsewhere.unscoped.id]))).toEqual(["active", "active", "active"]);
    expect(await auditFor("workflow.revoked_all", s.workflow.id)).toHaveLength(1);
  });
});

describe("[REVOCATION] who may revoke", () => {
  it("any identity owner, and the workflow's own business owner, may revoke its access", async () => {
    const a = await world();
    expect((await revokeEntitlement(await actorWith("identity_owner"), a.grant.id)).revoked).toBe(true);
    const b = await world();
    expect((await revokeEntitlement(b.bo, b.grant.id)).revoked).toBe(true);
    const c = await world();
    expect((await revokeAllForWorkflow(c.bo, c.workflow.id)).revoked).toBe(true);
  });

  it("a business owner of another workflow and an auditor get 403, and nothing is written", async () => {
    const s = await world();
    const stranger = userActor(await createUser(db, { roles: ["business_owner"] }));
    await createWorkflow(db, { businessOwnerId: stranger.userId });
    const auditor = await actorWith("auditor");
    const before = await writes();
    for (const actor of [stranger, auditor] as Actor[]) {
      expect((await rejection(revokeEntitlement(actor, s.grant.id))).status).toBe(403);
      expect((await rejection(revokeAllForWorkflow(actor, s.workflow.id))).status).toBe(403);
      expect((await rejection(revokeIdentity(actor, s.grant.nhiId))).status).toBe(403);
    }
    expect(await writes()).toEqual(before);
    expect((await entitlement(s.grant.id)).status).toBe("active");
    expect(Object.values(await statuses([s.key.id, s.jit.id, s.unscoped.id]))).toEqual(["active", "active", "active"]);
  });

  it("a business owner may not revoke an NHI that also serves a workflow they do not own", async () => {
    const s = await world();
    await createEntitlement(db, { nhiId: s.grant.nhiId }); // a second workflow, other owners
    expect((await rejection(revokeIdentity(s.bo, s.grant.nhiId))).status).toBe(403);
    expect((await db.select().from(nhis).where(eq(nhis.id, s.grant.nhiId)))[0]!.status).toBe("active");
  });
});

describe("[REVOCATION] undo within 30 s", () => {
  it("restoreEntitlement restores exactly the prior state (credentials too) and emits entitlement.restored", async () => {
    const s = await world();
    const before = await snapshot([s.grant.id], [s.key.id, s.jit.id, s.unscoped.id]);
    const out = await revokeEntitlement(s.io, s.grant.id, "oops");
    const restored = await restoreEntitlement(s.io, s.grant.id);
    expect(restored).toMatchObject({ restored: true, revocationId: out.revocationId, entitlements: 1, credentials: 2 });
    expect(await snapshot([s.grant.id], [s.key.id, s.jit.id, s.unscoped.id])).toEqual(before);
    const events = await db.select().from(hookEvents).where(eq(hookEvents.revocationId, out.revocationId!));
    expect(events.map((e) => e.type).sort()).toEqual(["entitlement.restored", "entitlement.revoked"]);
    expect(await auditFor("revocation.restored", s.grant.id)).toHaveLength(1);
    expect((await db.select().from(revocations).where(eq(revocations.id, out.revocationId!)))[0]).toMatchObject({ restoredById: s.io.userId });
  });

  it("a pending request comes back pending, not active", async () => {
    const s = await world("pending");
    const before = await snapshot([s.grant.id], [s.key.id, s.jit.id]);
    await revokeEntitlement(s.io, s.grant.id);
    await restoreEntitlement(s.io, s.grant.id);
    expect((await entitlement(s.grant.id)).status).toBe("pending");
    expect(await snapshot([s.grant.id], [s.key.id, s.jit.id])).toEqual(before);
  });

  it("undo of revokeIdentity reactivates the NHI and exactly what it revoked", async () => {
    const s = await world();
    const other = await createEntitlement(db, { nhiId: s.grant.nhiId, status: "pending" });
    const ids: [string[], string[], string[]] = [[s.grant.id, other.id], [s.key.id, s.jit.id, s.unscoped.id], [s.grant.nhiId]];
    const before = await snapshot(...ids);
    const out = await revokeIdentity(s.io, s.grant.nhiId);
    await restoreRevocation(s.io, out.revocationId!);
    expect(await snapshot(...ids)).toEqual(before);
  });

  it("after the window: 409, and the entitlement stays revoked", async () => {
    const s = await world();
    const out = await revokeEntitlement(s.io, s.grant.id);
    await db.update(revocations).set({ undoUntil: new Date(Date.now() - 1_000) }).where(eq(revocations.id, out.revocationId!));
    const before = await writes();
    const error = await rejection(restoreEntitlement(s.io, s.grant.id));
    expect(error.status).toBe(409);
    expect((await rejection(restoreRevocation(s.io, out.revocationId!))).status).toBe(409);
    expect(await writes()).toEqual(before);
    expect((await entitlement(s.grant.id)).status).toBe("revoked");
  });

  it("restoring the same revocation twice is a no-op the second time", async () => {
    const s = await world();
    const out = await revokeEntitlement(s.io, s.grant.id);
    expect((await restoreRevocation(s.io, out.revocationId!)).restored).toBe(true);
    const before = await writes();
    expect((await restoreRevocation(s.io, out.revocationId!)).restored).toBe(false);
    expect(await writes()).toEqual(before);
    expect((await entitlement(s.grant.id)).status).toBe("active");
  });

  it("restoring an entitlement twice (double-clicked Undo) is a no-op, not an error", async () => {
    const s = await world();
    await revokeEntitlement(s.io, s.grant.id);
    expect((await restoreEntitlement(s.io, s.grant.id)).restored).toBe(true);
    const before = await writes();
    await expect(restoreEntitlement(s.io, s.grant.id)).resolves.toMatchObject({ restored: false });
    expect(await writes()).toEqual(before);
  });

  it("revoke → restore → revoke leaves it revoked with two revocations, the first restored", async () => {
    const s = await world();
    const first = await revokeEntitlement(s.io, s.grant.id);
    await restoreEntitlement(s.io, s.grant.id);
    const second = await revokeEntitlement(s.io, s.grant.id);
    expect(second.revoked).toBe(true);
    expect((await entitlement(s.grant.id)).status).toBe("revoked");
    const rows = await revocationsOf(s.grant.id);
    expect(rows.map((r) => [r.id, r.restoredAt !== null])).toEqual([[first.revocationId, true], [second.revocationId, false]]);
    expect(await auditFor("entitlement.revoked", s.grant.id)).toHaveLength(2);
  });

  it("only an owner may undo: another workflow's business owner gets 403", async () => {
    const s = await world();
    await revokeEntitlement(s.io, s.grant.id);
    const stranger = await actorWith("business_owner");
    expect((await rejection(restoreEntitlement(stranger, s.grant.id))).status).toBe(403);
    expect((await entitlement(s.grant.id)).status).toBe("revoked");
  });
});
