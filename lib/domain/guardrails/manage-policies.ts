import crypto from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { policies } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/domain/db-errors";
import { AppError } from "@/lib/errors";
import type { ActivatePolicyVersionInput, CreatePolicyInput, CreatePolicyVersionInput } from "@/lib/validation/policies";
import { GuardrailError, type SourceAnalysis, checkPolicySource } from "./cedar";
import { type PolicyDetail, getPolicy } from "./list-policies";
import { type RefreshResult, refreshGuardrailVerdicts } from "./refresh";
import { lockGuardrails } from "./store";

/** Parses and validates against the Cedar schema; invalid → 422 naming `source`, with Cedar's message. */
function validSource(source: string): SourceAnalysis {
  const check = checkPolicySource(source);
  if (!check.ok) throw AppError.invalid("source", check.message);
  return check.analysis;
}

const summary = (a: SourceAnalysis) => ({ kind: a.kind, statements: a.statements, forbids: a.forbids, permits: a.permits });

/** A new policy: version 1, a draft until someone activates it (after a dry run). */
export async function createPolicy(actor: Actor, input: CreatePolicyInput): Promise<PolicyDetail> {
  requirePermission(actor, "policies.manage");
  const analysis = validSource(input.source);
  const id = crypto.randomUUID();
  try {
    await db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: policies.id }).from(policies).where(sql`lower(${policies.name}) = lower(${input.name})`).limit(1);
      if (taken) throw new AppError("conflict", `A policy named ${input.name} exists; save a new version of it instead`, [{ path: "name", message: "is taken" }]);
      await tx.insert(policies).values({ id, policyId: id, name: input.name, version: 1, description: input.description, source: input.source, createdById: actor.userId });
      await recordAuditEvent(tx, actor, {
        action: "policy.created",
        targetType: "policy",
        targetId: id,
        reason: input.reason,
        after: { name: input.name, version: 1, status: "draft", ...summary(analysis) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A policy named ${input.name} exists`, [{ path: "name", message: "is taken" }]);
    throw error;
  }
  return getPolicy(actor, id);
}

/** Saving never edits a version: it adds the next one, as a draft. */
export async function createPolicyVersion(actor: Actor, policyId: string, input: CreatePolicyVersionInput): Promise<PolicyDetail> {
  requirePermission(actor, "policies.manage");
  const analysis = validSource(input.source);
  try {
    await db.transaction(async (tx) => {
      // Locking the policy's versions makes concurrent saves number themselves one after the other.
      const versions = await tx.select().from(policies).where(eq(policies.policyId, policyId)).orderBy(desc(policies.version)).for("update");
      const latest = versions[0];
      if (!latest) throw AppError.notFound("Policy");
      const id = crypto.randomUUID();
      const version = latest.version + 1;
      await tx.insert(policies).values({
        id,
        policyId,
        name: latest.name,
        version,
        description: input.description ?? latest.description,
        source: input.source,
        createdById: actor.userId,
      });
      await recordAuditEvent(tx, actor, {
        action: "policy.version_created",
        targetType: "policy",
        targetId: id,
        reason: input.reason,
        after: { name: latest.name, version, status: "draft", ...summary(analysis) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict("Another version was saved at the same moment; reload and save again");
    throw error;
  }
  return getPolicy(actor, policyId);
}

export type ActivationResult = { policy: PolicyDetail; activated: boolean; archivedVersion: number | null; verdicts: RefreshResult | null };

/**
 * Makes a version the active one: the policy's previous active version is
 * archived, and the stored context-free verdicts are recomputed in the same
 * transaction, so no decision ever combines the new policy set with verdicts
 * of the old one. The source is validated again because the schema may have
 * grown stricter since it was saved. Activating the active version is a no-op;
 * activating an archived one rolls back to it.
 */
export async function activatePolicyVersion(actor: Actor, versionId: string, input: ActivatePolicyVersionInput): Promise<ActivationResult> {
  requirePermission(actor, "policies.manage");
  const outcome = await db.transaction(async (tx) => {
    await lockGuardrails(tx);
    const [version] = await tx.select().from(policies).where(eq(policies.id, versionId)).for("update");
    if (!version) throw AppError.notFound("Policy version");
    if (version.status === "active") return { policyId: version.policyId, activated: false, archivedVersion: null, verdicts: null };
    const analysis = validSource(version.source);

    const now = new Date();
    const [previous] = await tx
      .update(policies)
      .set({ status: "archived", archivedAt: now })
      .where(and(eq(policies.policyId, version.policyId), eq(policies.status, "active")))
      .returning({ id: policies.id, version: policies.version });
    await tx.update(policies).set({ status: "active", activatedAt: now, archivedAt: null }).where(eq(policies.id, versionId));
    const verdicts = await refreshGuardrailVerdicts(tx).catch((error: unknown) => {
      // Only reachable when an active policy was written around this module (a hand edit, a bad restore).
      if (error instanceof GuardrailError) throw AppError.conflict(`The active policy set cannot be evaluated, so nothing was activated: ${error.message}`);
      throw error;
    });

    if (previous) {
      await recordAuditEvent(tx, actor, {
        action: "policy.version_archived",
        targetType: "policy",
        targetId: previous.id,
        reason: input.reason,
        before: { name: version.name, version: previous.version, status: "active" },
        after: { status: "archived", replacedBy: version.version },
      });
    }
    await recordAuditEvent(tx, actor, {
      action: "policy.version_activated",
      targetType: "policy",
      targetId: versionId,
      reason: input.reason,
      before: { name: version.name, version: version.version, status: version.status, previousActiveVersion: previous?.version ?? null },
      after: { status: "active", ...summary(analysis), verdictsChanged: verdicts.changed },
    });
    return { policyId: version.policyId, activated: true, archivedVersion: previous?.version ?? null, verdicts };
  });
  const { policyId, ...rest } = outcome;
  return { policy: await getPolicy(actor, policyId), ...rest };
}
