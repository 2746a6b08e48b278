import { eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { workflows } from "@/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { refreshApprovalCoverage } from "@/lib/domain/approvals/coverage";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/domain/db-errors";
import { notify } from "@/lib/domain/notifications/notify";
import { assertActiveUsers } from "@/lib/domain/users/user-checks";
import { AppError } from "@/lib/errors";
import type { UpdateWorkflowInput } from "@/lib/validation/workflows";
import { type ApprovalDelta, replaceApprovedDataSets } from "./approved-data-sets";
import { type AutonomousPostureImpact, applyAutonomousPosture } from "./autonomous-posture";
import { duplicateName, summary } from "./create-workflow";
import { inTransaction } from "./dry-run";
import { replaceEscalationPath } from "./escalation-path";
import { listExceedingEntitlements } from "./exceeding-entitlements";
import {
  assertMayEditBusinessFields,
  assertMayEditTechnicalFields,
  assertMayRunLifecycle,
  assertNotRetired,
  lockWorkflow,
} from "./workflow-access";

export type WorkflowChangeImpact = {
  widened: ApprovalDelta[];
  narrowed: ApprovalDelta[];
  /** Entitlements that no longer fit the approval: revoke them or cover them with an exception. */
  nowExceeding: Awaited<ReturnType<typeof listExceedingEntitlements>>;
  autonomy: AutonomousPostureImpact | null;
};

const BUSINESS_FIELDS = ["name", "purpose", "autonomy", "vendor", "escalationPath", "exceptionConditions", "dataSets"] as const;
const TECHNICAL_FIELDS = ["identityOwnerId", "reviewCadenceDays"] as const;

/**
 * Edits a workflow. Narrowing the approval flags entitlements that now exceed
 * it; widening is audited and shown to the identity owner; raising autonomy
 * to `autonomous` applies invariant 5. With `dryRun` the same code runs and
 * rolls back, so the form can show the impact before saving.
 */
export async function updateWorkflow(actor: Actor, id: string, input: UpdateWorkflowInput, options: { dryRun?: boolean } = {}) {
  try {
    return await inTransaction(!!options.dryRun, async (tx) => {
      const before = await lockWorkflow(tx, id);
      assertNotRetired(before);
      // Sending a field unchanged (a full-object PATCH) is not an attempt to edit it.
      const changes = (f: (typeof BUSINESS_FIELDS)[number] | (typeof TECHNICAL_FIELDS)[number]) =>
        input[f] !== undefined && (f === "dataSets" || f === "escalationPath" || f === "exceptionConditions" || input[f] !== before[f]);
      const touchesBusiness = BUSINESS_FIELDS.some(changes);
      const touchesTechnical = TECHNICAL_FIELDS.some(changes);
      if (touchesBusiness) assertMayEditBusinessFields(actor, before);
      if (touchesTechnical) assertMayEditTechnicalFields(actor, before);
      // An edit that changes nothing is still only for someone accountable for this workflow.
      if (!touchesBusiness && !touchesTechnical) assertMayRunLifecycle(actor, before);
      if (input.identityOwnerId === null && before.identityOwnerId && before.status !== "draft") {
        throw new AppError("conflict", "An active workflow keeps an accountable identity owner; transfer it instead of removing it", [
          { path: "identityOwnerId", message: "use /transfer to hand it to someone else" },
        ]);
      }
      await assertActiveUsers(tx, [{ path: "identityOwnerId", userId: input.identityOwnerId, role: "identity_owner" }]);

      const [after] = await tx
        .update(workflows)
        .set({
          name: input.name,
          purpose: input.purpose,
          autonomy: input.autonomy,
          vendor: input.vendor,
          exceptionConditions: input.exceptionConditions,
          identityOwnerId: input.identityOwnerId,
          reviewCadenceDays: input.reviewCadenceDays,
          updatedAt: new Date(),
        })
        .where(eq(workflows.id, id))
        .returning();
      if (!after) throw new Error("update returned no row");

      const approval = input.dataSets ? await replaceApprovedDataSets(tx, id, input.dataSets) : { widened: [], narrowed: [] };
      if (input.escalationPath) await replaceEscalationPath(tx, id, input.escalationPath);
      const coverage = await refreshApprovalCoverage(tx, id);
      const becameAutonomous = before.autonomy !== "autonomous" && after.autonomy === "autonomous";
      const autonomy = becameAutonomous ? await applyAutonomousPosture(tx, id) : null;
      const impact: WorkflowChangeImpact = {
        ...approval,
        nowExceeding: await listExceedingEntitlements(tx, coverage.nowExceeding),
        autonomy,
      };

      await notifyIdentityOwner(tx, after, actor, impact);
      await recordAuditEvent(tx, actor, {
        action: "workflow.updated",
        targetType: "workflow",
        targetId: id,
        reason: input.reason,
        before: summary(before),
        after: {
          ...summary(after),
          ...(input.dataSets ? { dataSets: input.dataSets } : {}),
          ...(input.escalationPath ? { escalationPath: input.escalationPath } : {}),
          approvalWidened: impact.widened,
          approvalNarrowed: impact.narrowed,
          entitlementsNowExceeding: coverage.nowExceeding,
          autonomousPosture: autonomy,
        },
      });
      return { workflow: after, impact };
    });
  } catch (error) {
    if (isUniqueViolation(error, "workflows_name_lower_idx")) throw duplicateName();
    throw error;
  }
}

async function notifyIdentityOwner(
  tx: Transaction,
  workflow: typeof workflows.$inferSelect,
  actor: Actor,
  impact: WorkflowChangeImpact,
) {
  if (!workflow.identityOwnerId || workflow.identityOwnerId === actor.userId) return;
  const changes = [
    impact.widened.length ? `approval widened on ${impact.widened.map((w) => `${w.dataSetName} (+${w.actions.join(", ")})`).join("; ")}` : null,
    impact.nowExceeding.length ? `${impact.nowExceeding.length} entitlement(s) now exceed the approval` : null,
    impact.autonomy ? "raised to autonomous: identities reclassified privileged, JIT capped, cadence shortened" : null,
  ].filter(Boolean);
  if (changes.length === 0) return;
  await notify(tx, [
    {
      userId: workflow.identityOwnerId,
      kind: "workflow.approval_changed",
      title: `“${workflow.name}” changed`,
      body: changes.join(". "),
      link: `/workflows/${workflow.id}`,
    },
  ]);
}
