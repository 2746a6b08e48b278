import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { entitlements, nhis, workflowNhis, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/domain/db-errors";
import { assertActiveUsers } from "@/lib/domain/users/user-checks";
import { AppError } from "@/lib/errors";
import type { CreateIdentityInput, UpdateIdentityInput } from "@/lib/validation/identities";

const duplicate = () =>
  new AppError("conflict", "An NHI with this provider and external id already exists", [
    { path: "externalId", message: "already registered for this provider" },
  ]);

export async function createIdentity(actor: Actor, input: CreateIdentityInput) {
  requirePermission(actor, "identities.write");
  const { workflowIds, ...fields } = input;
  try {
    return await db.transaction(async (tx) => {
      await assertActiveUsers(tx, [{ path: "ownerId", userId: fields.ownerId }]);
      const [nhi] = await tx.insert(nhis).values(fields).returning();
      for (const [i, workflowId] of workflowIds.entries()) await bindToWorkflow(tx, actor, nhi!.id, workflowId, `workflowIds.${i}`);
      await recordAuditEvent(tx, actor, {
        action: "identity.created",
        targetType: "identity",
        targetId: nhi!.id,
        after: { ...fields, workflowIds },
      });
      return nhi!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "nhis_provider_external_idx")) throw duplicate();
    throw error;
  }
}

export async function updateIdentity(actor: Actor, id: string, input: UpdateIdentityInput) {
  requirePermission(actor, "identities.write");
  const { reason, provider: _p, externalId: _e, ...changes } = input;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(nhis).where(eq(nhis.id, id)).for("update");
    if (!before) throw AppError.notFound("NHI");
    await assertActiveUsers(tx, [{ path: "ownerId", userId: changes.ownerId }]);
    const [after] = await tx.update(nhis).set({ ...changes, updatedAt: new Date() }).where(eq(nhis.id, id)).returning();
    await recordAuditEvent(tx, actor, {
      action: "identity.updated",
      targetType: "identity",
      targetId: id,
      reason,
      before: pick(before, Object.keys(changes)),
      after: changes,
    });
    return after!;
  });
}

/** Binds an NHI to a workflow it serves; serving several workflows is allowed and flagged (OWASP NHI9). */
export async function bindIdentity(actor: Actor, id: string, workflowId: string, reason?: string) {
  requirePermission(actor, "identities.write");
  return db.transaction(async (tx) => {
    const [nhi] = await tx.select({ id: nhis.id }).from(nhis).where(eq(nhis.id, id));
    if (!nhi) throw AppError.notFound("NHI");
    const bound = await bindToWorkflow(tx, actor, id, workflowId, "workflowId", reason);
    return { bound };
  });
}

export async function unbindIdentity(actor: Actor, id: string, workflowId: string, reason?: string) {
  requirePermission(actor, "identities.write");
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(entitlements)
      .where(and(eq(entitlements.nhiId, id), eq(entitlements.workflowId, workflowId), inArray(entitlements.status, ["pending", "active"])));
    if ((open?.n ?? 0) > 0) {
      throw AppError.conflict(`Revoke its ${open!.n} open entitlement(s) for this workflow first; unbinding must not leave access behind`);
    }
    const removed = await tx
      .delete(workflowNhis)
      .where(and(eq(workflowNhis.nhiId, id), eq(workflowNhis.workflowId, workflowId)))
      .returning();
    if (removed.length === 0) return { unbound: false };
    await recordAuditEvent(tx, actor, { action: "identity.unbound", targetType: "identity", targetId: id, reason, after: { workflowId } });
    return { unbound: true };
  });
}

/** Idempotent: binding twice is a no-op. Returns whether a new binding was made. */
export async function bindToWorkflow(tx: Transaction, actor: Actor, nhiId: string, workflowId: string, path: string, reason?: string) {
  const [workflow] = await tx
    .select({ id: workflows.id, status: workflows.status, autonomy: workflows.autonomy })
    .from(workflows)
    .where(eq(workflows.id, workflowId));
  if (!workflow) throw AppError.invalid(path, "no such workflow");
  if (workflow.status === "retired") throw AppError.invalid(path, "the workflow is retired");
  const inserted = await tx.insert(workflowNhis).values({ workflowId, nhiId, boundById: actor.userId }).onConflictDoNothing().returning();
  if (inserted.length) {
    // Invariant 5: whatever serves an autonomous workflow is privileged.
    if (workflow.autonomy === "autonomous") {
      await tx.update(nhis).set({ classification: "privileged", updatedAt: new Date() }).where(and(eq(nhis.id, nhiId), eq(nhis.classification, "utility")));
    }
    await recordAuditEvent(tx, actor, { action: "identity.bound", targetType: "identity", targetId: nhiId, reason, after: { workflowId } });
  }
  return inserted.length > 0;
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}
