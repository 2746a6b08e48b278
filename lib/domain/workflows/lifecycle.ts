import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { credentials, dataSets, entitlements, nhis, users, workflowDataSets, workflows } from "@/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { emitRevocationEvent } from "@/lib/domain/hooks/emit-event";
import { revokeRows, workflowCredentialIdsSql } from "@/lib/domain/revocation/revoke-rows";
import { AppError, type FieldError } from "@/lib/errors";
import { inTransaction } from "./dry-run";
import { assertMayRunLifecycle, lockWorkflow } from "./workflow-access";

/** draft|suspended → active, once both owners, a purpose and an approved data set are in place. */
export async function activateWorkflow(actor: Actor, id: string, reason?: string) {
  return inTransaction(false, async (tx) => {
    const workflow = await lockWorkflow(tx, id);
    assertMayRunLifecycle(actor, workflow);
    if (workflow.status === "active") return workflow; // idempotent
    if (workflow.status === "retired") throw AppError.conflict("A retired workflow cannot be activated; declare a new one");

    const owners = await tx
      .select({ id: users.id, active: users.active })
      .from(users)
      .where(inArray(users.id, [workflow.businessOwnerId, workflow.identityOwnerId].filter((x): x is string => !!x)));
    const activeOwner = (ownerId: string | null) => !!ownerId && owners.some((o) => o.id === ownerId && o.active);
    const [approved] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(workflowDataSets)
      .where(eq(workflowDataSets.workflowId, id));
    const problems: FieldError[] = [];
    if (!activeOwner(workflow.businessOwnerId)) problems.push({ path: "businessOwnerId", message: "an active business owner is required" });
    if (!activeOwner(workflow.identityOwnerId)) problems.push({ path: "identityOwnerId", message: "an active identity owner is required" });
    if (workflow.purpose.trim().length < 40) problems.push({ path: "purpose", message: "a substantive purpose is required" });
    if ((approved?.n ?? 0) === 0) problems.push({ path: "dataSets", message: "at least one approved data set is required" });
    if (problems.length) {
      throw new AppError("conflict", `The workflow cannot be activated yet: ${problems.map((p) => p.message).join("; ")}`, problems);
    }
    return transition(tx, actor, workflow, "active", "workflow.activated", reason);
  });
}

/** active → suspended: runtime decisions deny; nothing is deleted or revoked. */
export async function suspendWorkflow(actor: Actor, id: string, reason?: string) {
  return inTransaction(false, async (tx) => {
    const workflow = await lockWorkflow(tx, id);
    assertMayRunLifecycle(actor, workflow);
    if (workflow.status === "suspended") return workflow;
    if (workflow.status !== "active") throw AppError.conflict(`Only an active workflow can be suspended (it is ${workflow.status})`);
    return transition(tx, actor, workflow, "suspended", "workflow.suspended", reason);
  });
}

/**
 * Offboarding (DESIGN.md invariant 4): retiring revokes every entitlement and
 * credential of the workflow in the same transaction. `dryRun` answers
 * "what will be revoked?" from the same code, for the confirmation dialog.
 */
export async function retireWorkflow(actor: Actor, id: string, options: { reason?: string; dryRun?: boolean } = {}) {
  return inTransaction(!!options.dryRun, async (tx) => {
    const workflow = await lockWorkflow(tx, id);
    assertMayRunLifecycle(actor, workflow);
    if (workflow.status === "retired") return { workflow, revoked: { entitlements: [], credentials: [] } };
    const reason = options.reason?.trim() || "Workflow retired (offboarding)";

    const entitlementIds = (
      await tx
        .select({ id: entitlements.id })
        .from(entitlements)
        .where(and(eq(entitlements.workflowId, id), inArray(entitlements.status, ["pending", "active"])))
    ).map((r) => r.id);
    const credentialIds = (await tx.execute<{ id: string }>(workflowCredentialIdsSql(id))).map((r) => r.id);
    const revoked = await revokeRows(tx, actor, { type: "workflow", id, workflowId: id }, { entitlementIds, credentialIds }, reason);
    const emitted = await emitRevocationEvent(tx, actor, {
      type: "workflow.retired",
      revocationId: revoked?.revocation.id ?? null,
      reason,
      workflow: { id, name: workflow.name },
      identity: null,
      dataSet: null,
      actions: [],
      affected: { entitlements: revoked?.entitlements.map((e) => e.id) ?? [], credentials: revoked?.credentials.map((c) => c.id) ?? [] },
    });
    const after = await transition(tx, actor, workflow, "retired", "workflow.retired", reason, {
      revokedEntitlements: revoked?.entitlements.length ?? 0,
      revokedCredentials: revoked?.credentials.length ?? 0,
      revocationId: revoked?.revocation.id ?? null,
      hookDeliveries: emitted.deliveries,
    });
    return { workflow: after, revoked: await describeRevoked(tx, entitlementIds, credentialIds) };
  });
}

async function transition(
  tx: Transaction,
  actor: Actor,
  before: Awaited<ReturnType<typeof lockWorkflow>>,
  status: "active" | "suspended" | "retired",
  action: string,
  reason?: string,
  extra: Record<string, unknown> = {},
) {
  const now = new Date();
  const [after] = await tx
    .update(workflows)
    .set({
      status,
      updatedAt: now,
      activatedAt: status === "active" ? (before.activatedAt ?? now) : undefined,
      retiredAt: status === "retired" ? now : undefined,
    })
    .where(eq(workflows.id, before.id))
    .returning();
  await recordAuditEvent(tx, actor, {
    action,
    targetType: "workflow",
    targetId: before.id,
    reason,
    before: { status: before.status },
    after: { status, ...extra },
  });
  return after!;
}

async function describeRevoked(tx: Transaction, entitlementIds: string[], credentialIds: string[]) {
  const ents = entitlementIds.length
    ? await tx
        .select({ id: entitlements.id, nhiName: nhis.name, dataSetName: dataSets.name, actions: entitlements.actions })
        .from(entitlements)
        .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
        .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
        .where(inArray(entitlements.id, entitlementIds))
    : [];
  const creds = credentialIds.length
    ? await tx
        .select({ id: credentials.id, name: credentials.name, kind: credentials.kind, nhiName: nhis.name, expiresAt: credentials.expiresAt })
        .from(credentials)
        .innerJoin(nhis, eq(nhis.id, credentials.nhiId))
        .where(inArray(credentials.id, credentialIds))
    : [];
  return { entitlements: ents, credentials: creds };
}
