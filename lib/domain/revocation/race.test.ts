import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createCredential, createEntitlement, createUser } from "@/db/seed/factories";
import { auditEvents, credentials, entitlements, hookEvents, revocations } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";
import { AppError } from "@/lib/errors";
import { restoreEntitlement } from "./restore-revocation";
import { revokeEntitlement } from "./revoke-access";

const revocationsOf = (entitlementId: string) =>
  db
    .select()
    .from(revocations)
    .where(sql`${revocations.priorState}->'entitlements' @> ${JSON.stringify([{ id: entitlementId }])}::jsonb`)
    .orderBy(revocations.createdAt);
const auditCount = async (action: string, targetId: string) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId))))[0]!.n;

/** Only outcomes a caller may legitimately see: success, a no-op, or a 409 ("nothing to undo"). Never a 500. */
function expectOnlyLegitimateOutcomes(results: PromiseSettledResult<unknown>[]) {
  for (const r of results) {
    if (r.status === "rejected") {
      expect(r.reason, String(r.reason)).toBeInstanceOf(AppError);
      expect((r.reason as AppError).status).toBe(409);
    }
  }
}

async function grantWithCredential() {
  const io = userActor(await createUser(db, { roles: ["identity_owner"] }));
  const grant = await createEntitlement(db);
  const credential = await createCredential(db, { nhiId: grant.nhiId, entitlementId: grant.id });
  return { io, grant, credential };
}

describe("[REVOCATION] concurrency", () => {
  it("20 parallel revokes and restores of one entitlement end in one consistent state", async () => {
    const { io, grant, credential } = await grantWithCredential();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? revokeEntitlement(io, grant.id, `race ${i}`) : restoreEntitlement(io, grant.id))),
    );
    expectOnlyLegitimateOutcomes(results);

    const rows = await revocationsOf(grant.id);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const [current] = await db.select().from(entitlements).where(eq(entitlements.id, grant.id));
    const latest = rows.at(-1)!;
    // revoked ⇔ the latest revocation is not restored
    expect(current!.status).toBe(latest.restoredAt === null ? "revoked" : "active");
    expect(rows.filter((r) => r.restoredAt === null).length).toBe(current!.status === "revoked" ? 1 : 0);
    if (current!.status === "revoked") expect(current!.revokedAt!.getTime()).toBe(latest.createdAt.getTime());
    const [cred] = await db.select().from(credentials).where(eq(credentials.id, credential.id));
    expect(cred!.status).toBe(current!.status === "revoked" ? "revoked" : "active");

    // every revocation and every undo was audited exactly once, and announced exactly once
    expect(await auditCount("entitlement.revoked", grant.id)).toBe(rows.length);
    expect(await auditCount("revocation.restored", grant.id)).toBe(rows.filter((r) => r.restoredAt !== null).length);
    const events = await db.select({ type: hookEvents.type }).from(hookEvents).where(inArray(hookEvents.revocationId, rows.map((r) => r.id)));
    expect(events.filter((e) => e.type === "entitlement.revoked")).toHaveLength(rows.length);
    expect(events.filter((e) => e.type === "entitlement.restored")).toHaveLength(rows.filter((r) => r.restoredAt !== null).length);

    // revocations interleave with restores: in time order, every one but the latest was undone
    for (const [i, r] of rows.slice(0, -1).entries()) expect(r.restoredAt, `revocation ${i + 1} of ${rows.length} is undone`).not.toBeNull();
    const revokedOk = results.filter((r, i) => i % 2 === 0 && r.status === "fulfilled" && (r.value as { revoked: boolean }).revoked).length;
    expect(revokedOk).toBe(rows.length);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("10 parallel revokes of one entitlement: exactly one revocation, one audit event, one outbox event", async () => {
    const { io, grant } = await grantWithCredential();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => revokeEntitlement(io, grant.id, `parallel ${i}`)));
    expect(results.filter((r) => r.revoked)).toHaveLength(1);
    const winner = results.find((r) => r.revoked)!;
    const rows = await revocationsOf(grant.id);
    expect(rows.map((r) => r.id)).toEqual([winner.revocationId]);
    expect(await auditCount("entitlement.revoked", grant.id)).toBe(1);
    expect(await db.select().from(hookEvents).where(eq(hookEvents.revocationId, winner.revocationId!))).toHaveLength(1);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("repeated rounds of the revoke/restore race stay consistent", async () => {
    for (let round = 0; round < 15; round++) {
      const { io, grant } = await grantWithCredential();
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? revokeEntitlement(io, grant.id) : restoreEntitlement(io, grant.id))),
      );
      expectOnlyLegitimateOutcomes(results);
      const rows = await revocationsOf(grant.id);
      const [current] = await db.select().from(entitlements).where(eq(entitlements.id, grant.id));
      expect(current!.status, `round ${round}`).toBe(rows.at(-1)!.restoredAt === null ? "revoked" : "active");
      expect(await auditCount("entitlement.revoked", grant.id)).toBe(rows.length);
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
