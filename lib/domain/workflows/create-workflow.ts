import { db } from "@/db";
import { workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/domain/db-errors";
import { notify } from "@/lib/domain/notifications/notify";
import { AUTONOMOUS_CADENCE_DAYS, JIT_TTL_CAP_SECONDS } from "@/lib/domain/policy";
import { assertActiveUsers } from "@/lib/domain/users/user-checks";
import { AppError } from "@/lib/errors";
import type { CreateWorkflowInput } from "@/lib/validation/workflows";
import { replaceApprovedDataSets } from "./approved-data-sets";
import { replaceEscalationPath } from "./escalation-path";

/** A business owner declares a workflow they are accountable for; it starts as a draft. */
export async function createWorkflow(actor: Actor, input: CreateWorkflowInput) {
  requirePermission(actor, "workflows.write");
  if (actor.kind !== "system" && !hasRole(actor, "business_owner")) {
    throw AppError.forbidden("Only business owners declare workflows");
  }
  const businessOwnerId = input.businessOwnerId ?? actor.userId;
  if (actor.kind !== "system" && businessOwnerId !== actor.userId) {
    throw new AppError("forbidden", "You can only declare workflows you are accountable for; transfer ownership afterwards", [
      { path: "businessOwnerId", message: "must be you" },
    ]);
  }
  try {
    return await db.transaction(async (tx) => {
      await assertActiveUsers(tx, [
        { path: "businessOwnerId", userId: businessOwnerId, role: "business_owner" },
        { path: "identityOwnerId", userId: input.identityOwnerId, role: "identity_owner" },
      ]);
      const [workflow] = await tx
        .insert(workflows)
        .values({
          name: input.name,
          purpose: input.purpose,
          businessOwnerId,
          identityOwnerId: input.identityOwnerId ?? null,
          autonomy: input.autonomy,
          vendor: input.vendor,
          exceptionConditions: input.exceptionConditions,
          // Invariant 5 from the start: an autonomous workflow is born with the autonomous posture.
          reviewCadenceDays:
            input.autonomy === "autonomous"
              ? Math.min(input.reviewCadenceDays ?? AUTONOMOUS_CADENCE_DAYS, AUTONOMOUS_CADENCE_DAYS)
              : (input.reviewCadenceDays ?? null),
          maxJitTtlSeconds: input.autonomy === "autonomous" ? JIT_TTL_CAP_SECONDS.privileged : null,
          createdById: actor.userId,
        })
        .returning();
      if (!workflow) throw new Error("insert returned no row");
      await replaceApprovedDataSets(tx, workflow.id, input.dataSets);
      await replaceEscalationPath(tx, workflow.id, input.escalationPath);
      await notify(tx, [
        {
          userId: workflow.identityOwnerId === actor.userId ? null : workflow.identityOwnerId,
          kind: "workflow.identity_owner_named",
          title: `You are the identity owner of “${workflow.name}”`,
          body: "Design its entitlements and review cadence before it is activated.",
          link: `/workflows/${workflow.id}`,
        },
      ]);
      await recordAuditEvent(tx, actor, {
        action: "workflow.created",
        targetType: "workflow",
        targetId: workflow.id,
        after: { ...summary(workflow), dataSets: input.dataSets, escalationPath: input.escalationPath },
      });
      return workflow;
    });
  } catch (error) {
    if (isUniqueViolation(error, "workflows_name_lower_idx")) throw duplicateName();
    throw error;
  }
}

export function summary(w: typeof workflows.$inferSelect) {
  return {
    name: w.name,
    purpose: w.purpose,
    businessOwnerId: w.businessOwnerId,
    identityOwnerId: w.identityOwnerId,
    autonomy: w.autonomy,
    vendor: w.vendor,
    status: w.status,
    exceptionConditions: w.exceptionConditions,
    reviewCadenceDays: w.reviewCadenceDays,
  };
}

export const duplicateName = () =>
  new AppError("conflict", "Another workflow already has this name", [{ path: "name", message: "another workflow already has this name" }]);
