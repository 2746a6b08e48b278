import { and, eq, inArray } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { credentials, dataSets, entitlements, nhis, workflowNhis, workflows } from "@/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { emitRevocationEvent } from "@/lib/domain/hooks/emit-event";
import { AppError } from "@/lib/errors";
import { assertMayRevoke } from "./may-revoke";
import { revokeRows, workflowCredentialIdsSql } from "./revoke-rows";

export type RevokeOutcome = {
  revoked: boolean;
  revocationId: string | null;
  undoUntil: Date | null;
  entitlements: number;
  credentials: number;
  deliveries: number;
};

const noop: RevokeOutcome = { revoked: false, revocationId: null, undoUntil: null, entitlements: 0, credentials: 0, deliveries: 0 };

/**
 * Revokes one entitlement and the credentials issued only for it (JIT tokens
 * included), at once: after this returns, nothing can use it (invariant 3).
 * Revoking twice is a no-op.
 */
export async function revokeEntitlement(actor: Actor, id: string, reason?: string): Promise<RevokeOutcome> {
  return db.transaction(async (tx) => {
    const [grant] = await tx
      .select({ e: entitlements, nhi: nhis, dataSet: dataSets, workflow: workflows })
      .from(entitlements)
      .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
      .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
      .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
      .where(eq(entitlements.id, id));
    if (!grant) throw AppError.notFound("Entitlement");
    await assertMayRevoke(tx, actor, [grant.workflow.id]);
    const why = reason?.trim() || "Revoked by an owner";
    const scoped = await tx.select({ id: credentials.id }).from(credentials).where(and(eq(credentials.entitlementId, id), eq(credentials.status, "active")));
    const result = await revokeRows(tx, actor, { type: "entitlement", id, workflowId: grant.workflow.id }, { entitlementIds: [id], credentialIds: scoped.map((c) => c.id) }, why);
    if (!result) return noop;
    return announceRevocation(tx, actor, result, why, {
      type: "entitlement.revoked",
      auditTarget: { type: "entitlement", id },
      workflow: grant.workflow,
      identity: grant.nhi,
      dataSet: grant.dataSet,
      actions: grant.e.actions,
    });
  });
}

/** Suspends an NHI and revokes all of its entitlements and credentials. */
export async function revokeIdentity(actor: Actor, id: string, reason?: string): Promise<RevokeOutcome> {
  return db.transaction(async (tx) => {
    const [nhi] = await tx.select().from(nhis).where(eq(nhis.id, id)).for("update");
    if (!nhi) throw AppError.notFound("NHI");
    const served = await tx.select({ id: workflowNhis.workflowId }).from(workflowNhis).where(eq(workflowNhis.nhiId, id));
    await assertMayRevoke(tx, actor, served.map((w) => w.id));
    const why = reason?.trim() || "NHI revoked by an owner";
    const ents = await tx.select({ id: entitlements.id }).from(entitlements).where(and(eq(entitlements.nhiId, id), inArray(entitlements.status, ["pending", "active"])));
    const creds = await tx.select({ id: credentials.id }).from(credentials).where(and(eq(credentials.nhiId, id), eq(credentials.status, "active")));
    if (nhi.status !== "active" && ents.length === 0 && creds.length === 0) return noop;
    const result = await revokeRows(tx, actor, { type: "identity", id, workflowId: null }, { entitlementIds: ents.map((e) => e.id), credentialIds: creds.map((c) => c.id) }, why, {
      identity: { id, status: nhi.status },
    });
    if (nhi.status === "active") await tx.update(nhis).set({ status: "suspended", updatedAt: new Date() }).where(eq(nhis.id, id));
    return announceRevocation(tx, actor, result, why, {
      type: "identity.revoked",
      auditTarget: { type: "identity", id },
      workflow: null,
      identity: nhi,
      dataSet: null,
      actions: [],
    });
  });
}

/** The kill switch: every entitlement and credential of a workflow, revoked in one transaction. */
export async function revokeAllForWorkflow(actor: Actor, id: string, reason?: string): Promise<RevokeOutcome> {
  return db.transaction(async (tx) => {
    const [workflow] = await tx.select().from(workflows).where(eq(workflows.id, id)).for("update");
    if (!workflow) throw AppError.notFound("Workflow");
    await assertMayRevoke(tx, actor, [id]);
    const why = reason?.trim() || "Kill switch: all access of the workflow revoked";
    const ents = await tx.select({ id: entitlements.id }).from(entitlements).where(and(eq(entitlements.workflowId, id), inArray(entitlements.status, ["pending", "active"])));
    const creds = (await tx.execute<{ id: string }>(workflowCredentialIdsSql(id))).map((r) => r.id);
    const result = await revokeRows(tx, actor, { type: "workflow", id, workflowId: id }, { entitlementIds: ents.map((e) => e.id), credentialIds: creds }, why);
    if (!result) return noop;
    return announceRevocation(tx, actor, result, why, {
      type: "workflow.revoked_all",
      auditTarget: { type: "workflow", id },
      workflow,
      identity: null,
      dataSet: null,
      actions: [],
    });
  });
}

type Subject = {
  type: "entitlement.revoked" | "identity.revoked" | "workflow.revoked_all" | "credential.revoked" | "workflow.retired";
  auditTarget: { type: string; id: string };
  workflow: { id: string; name: string } | null;
  identity: { id: string; provider: string; externalId: string } | null;
  dataSet: { id: string; name: string } | null;
  actions: string[];
};

/** Audit event + outbox event for a revocation, in the revoking transaction. */
export async function announceRevocation(tx: Transaction, actor: Actor, result: Awaited<ReturnType<typeof revokeRows>>, reason: string, subject: Subject): Promise<RevokeOutcome> {
  const affected = { entitlements: result?.entitlements.map((e) => e.id) ?? [], credentials: result?.credentials.map((c) => c.id) ?? [] };
  const emitted = await emitRevocationEvent(tx, actor, {
    type: subject.type,
    revocationId: result?.revocation.id ?? null,
    reason,
    workflow: subject.workflow ? { id: subject.workflow.id, name: subject.workflow.name } : null,
    identity: subject.identity ? { id: subject.identity.id, provider: subject.identity.provider, externalId: subject.identity.externalId } : null,
    dataSet: subject.dataSet ? { id: subject.dataSet.id, name: subject.dataSet.name } : null,
    actions: subject.actions,
    affected,
  });
  await recordAuditEvent(tx, actor, {
    action: subject.type,
    targetType: subject.auditTarget.type,
    targetId: subject.auditTarget.id,
    reason,
    after: { revocationId: result?.revocation.id ?? null, ...affected, hookDeliveries: emitted.deliveries },
  });
  return {
    revoked: true,
    revocationId: result?.revocation.id ?? null,
    undoUntil: result?.revocation.undoUntil ?? null,
    entitlements: affected.entitlements.length,
    credentials: affected.credentials.length,
    deliveries: emitted.deliveries,
  };
}

