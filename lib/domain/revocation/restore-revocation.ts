import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { credentials, entitlements, nhis, revocations, workflows } from "@/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/domain/db-errors";
import { emitRevocationEvent } from "@/lib/domain/hooks/emit-event";
import { AppError } from "@/lib/errors";
import { assertMayRevoke } from "./may-revoke";

type PriorState = {
  entitlements?: { id: string; status: "pending" | "active" }[];
  credentials?: { id: string; status: "active" }[];
  identity?: { id: string; status: "active" | "suspended" | "decommissioned" };
};

/**
 * Undo: within the window, puts back exactly what one revocation changed —
 * only rows still in the state that revocation left them in, so a later
 * change is never overwritten. After the window: 409, request access anew.
 */
export async function restoreRevocation(actor: Actor, revocationId: string) {
  try {
    return await db.transaction(async (tx) => {
      const [revocation] = await tx.select().from(revocations).where(eq(revocations.id, revocationId)).for("update");
      if (!revocation) throw AppError.notFound("Revocation");
      if (revocation.restoredAt) return { restored: false, revocationId, entitlements: 0, credentials: 0 };
      if (revocation.undoUntil.getTime() < Date.now()) {
        throw new AppError("conflict", "The 30-second undo window has passed; request the access again instead", [
          { path: "undoUntil", message: "has passed" },
        ]);
      }
      const prior = revocation.priorState as PriorState;
      const entIds = (prior.entitlements ?? []).map((e) => e.id);
      const workflowIds = entIds.length
        ? (await tx.selectDistinct({ id: entitlements.workflowId }).from(entitlements).where(inArray(entitlements.id, entIds))).map((r) => r.id)
        : revocation.workflowId
          ? [revocation.workflowId]
          : [];
      await assertMayRevoke(tx, actor, workflowIds);

      let restoredEntitlements = 0;
      for (const status of ["pending", "active"] as const) {
        const ids = (prior.entitlements ?? []).filter((e) => e.status === status).map((e) => e.id);
        if (!ids.length) continue;
        const rows = await tx
          .update(entitlements)
          .set({ status, revokedAt: null, revokedById: null, revokeReason: null, updatedAt: new Date() })
          .where(and(inArray(entitlements.id, ids), eq(entitlements.status, "revoked"), eq(entitlements.revokedAt, revocation.createdAt)))
          .returning({ id: entitlements.id });
        restoredEntitlements += rows.length;
      }
      const credIds = (prior.credentials ?? []).map((c) => c.id);
      const restoredCredentials = credIds.length
        ? await tx
            .update(credentials)
            .set({ status: "active", revokedAt: null, revokedById: null, revokeReason: null, updatedAt: new Date() })
            .where(and(inArray(credentials.id, credIds), eq(credentials.status, "revoked"), eq(credentials.revokedAt, revocation.createdAt)))
            .returning({ id: credentials.id })
        : [];
      if (prior.identity) {
        await tx.update(nhis).set({ status: prior.identity.status, updatedAt: new Date() }).where(and(eq(nhis.id, prior.identity.id), eq(nhis.status, "suspended")));
      }
      await tx.update(revocations).set({ restoredAt: new Date(), restoredById: actor.userId }).where(eq(revocations.id, revocationId));

      const [workflow] = revocation.workflowId
        ? await tx.select({ id: workflows.id, name: workflows.name }).from(workflows).where(eq(workflows.id, revocation.workflowId))
        : [];
      const emitted = await emitRevocationEvent(tx, actor, {
        type: "entitlement.restored",
        revocationId,
        reason: `Undo of: ${revocation.reason}`,
        workflow: workflow ?? null,
        identity: null,
        dataSet: null,
        actions: [],
        affected: { entitlements: entIds, credentials: restoredCredentials.map((c) => c.id) },
      });
      await recordAuditEvent(tx, actor, {
        action: "revocation.restored",
        targetType: revocation.targetType,
        targetId: revocation.targetId,
        reason: "undo within the window",
        after: { revocationId, entitlements: restoredEntitlements, credentials: restoredCredentials.length, hookDeliveries: emitted.deliveries },
      });
      return { restored: true, revocationId, entitlements: restoredEntitlements, credentials: restoredCredentials.length };
    });
  } catch (error) {
    if (isUniqueViolation(error, "entitlements_one_open_grant_idx")) {
      throw AppError.conflict("A newer request or grant for the same access exists; the old one cannot be restored");
    }
    throw error;
  }
}

/** Undo of the latest revocation that covered this entitlement (API: /entitlements/{id}/restore). */
export async function restoreEntitlement(actor: Actor, entitlementId: string) {
  const [latest] = await db
    .select({ id: revocations.id })
    .from(revocations)
    .where(and(isNull(revocations.restoredAt), sql`${revocations.priorState}->'entitlements' @> ${JSON.stringify([{ id: entitlementId }])}::jsonb`))
    .orderBy(desc(revocations.createdAt))
    .limit(1);
  if (!latest) {
    const [exists] = await db.select({ id: entitlements.id }).from(entitlements).where(eq(entitlements.id, entitlementId));
    if (!exists) throw AppError.notFound("Entitlement");
    const [undone] = await db
      .select({ id: revocations.id })
      .from(revocations)
      .where(and(isNotNull(revocations.restoredAt), sql`${revocations.priorState}->'entitlements' @> ${JSON.stringify([{ id: entitlementId }])}::jsonb`))
      .orderBy(desc(revocations.createdAt))
      .limit(1);
    // Undo twice (a double click) is a no-op, like revoking twice.
    if (undone) return { restored: false, revocationId: undone.id, entitlements: 0, credentials: 0 };
    throw AppError.conflict("There is no revocation of this entitlement to undo");
  }
  return restoreRevocation(actor, latest.id);
}
