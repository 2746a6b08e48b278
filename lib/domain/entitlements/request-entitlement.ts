import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { dataSets, entitlements, nhis, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { actionsCovered } from "@/lib/domain/approvals/coverage";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/domain/db-errors";
import { bindToWorkflow } from "@/lib/domain/identities/manage-identities";
import { notify } from "@/lib/domain/notifications/notify";
import { JIT_TTL_CAP_SECONDS } from "@/lib/domain/policy";
import { AppError } from "@/lib/errors";
import type { RequestEntitlementInput } from "@/lib/validation/entitlements";
import { identityApprovers } from "./approvers";

/**
 * Asks for access for an NHI on behalf of a workflow. Refused unless the data
 * set and actions lie within the workflow's approval or an approved,
 * unexpired exception (DESIGN.md invariant 1). Starts `pending`: it becomes
 * active only with both approvals (invariant 2).
 */
export async function requestEntitlement(actor: Actor, input: RequestEntitlementInput) {
  requirePermission(actor, "entitlements.request");
  try {
    return await db.transaction(async (tx) => {
      const [workflow] = await tx.select().from(workflows).where(eq(workflows.id, input.workflowId));
      if (!workflow) throw AppError.invalid("workflowId", "no such workflow");
      if (workflow.status === "retired") throw AppError.invalid("workflowId", "the workflow is retired");
      const [nhi] = await tx.select().from(nhis).where(eq(nhis.id, input.identityId));
      if (!nhi) throw AppError.invalid("identityId", "no such NHI");
      if (nhi.status !== "active") throw AppError.invalid("identityId", `the NHI is ${nhi.status}`);
      const [dataSet] = await tx.select().from(dataSets).where(eq(dataSets.id, input.dataSetId));
      if (!dataSet) throw AppError.invalid("dataSetId", "no such data set");

      const [coverage] = await tx.execute<{ covered: boolean }>(
        sql`select ${actionsCovered(input.workflowId, input.dataSetId, sql`${`{${input.actions.join(",")}}`}::data_action[]`)} as covered`,
      );
      if (!coverage?.covered) {
        throw AppError.invalid(
          "actions",
          `${input.actions.join(", ")} on ${dataSet.name} is outside what “${workflow.name}” is approved for; ask its business owner to widen the approval or to grant an exception`,
        );
      }
      const ttlCap = Math.min(JIT_TTL_CAP_SECONDS[nhi.classification], workflow.maxJitTtlSeconds ?? Infinity);
      if (input.jit && input.maxTtlSeconds && input.maxTtlSeconds > ttlCap) {
        throw AppError.invalid("maxTtlSeconds", `must be at most ${ttlCap} seconds for a ${nhi.classification} NHI on this workflow`);
      }

      await bindToWorkflow(tx, actor, nhi.id, workflow.id, "identityId");
      const [created] = await tx
        .insert(entitlements)
        .values({
          workflowId: workflow.id,
          nhiId: nhi.id,
          dataSetId: dataSet.id,
          actions: input.actions,
          jit: input.jit,
          maxTtlSeconds: input.jit ? (input.maxTtlSeconds ?? ttlCap) : null,
          expiresAt: input.expiresAt ?? null,
          justification: input.justification,
          requestedById: actor.userId,
          status: "pending",
        })
        .returning();
      const link = `/requests?focus=${created!.id}`;
      const what = `${nhi.name} → ${input.actions.join(", ")} on ${dataSet.name} for “${workflow.name}”`;
      await notify(tx, [
        { userId: workflow.businessOwnerId, kind: "entitlement.approval_needed", title: "Business approval needed", body: what, link },
        ...(await identityApprovers(tx, workflow.identityOwnerId)).map((userId) => ({
          userId,
          kind: "entitlement.approval_needed",
          title: "Identity approval needed",
          body: what,
          link,
        })),
      ].filter((n) => n.userId !== actor.userId));
      await recordAuditEvent(tx, actor, {
        action: "entitlement.requested",
        targetType: "entitlement",
        targetId: created!.id,
        reason: input.justification,
        after: { workflowId: workflow.id, nhiId: nhi.id, dataSetId: dataSet.id, actions: input.actions, jit: input.jit, maxTtlSeconds: created!.maxTtlSeconds },
      });
      return created!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "entitlements_one_open_grant_idx")) {
      throw new AppError("conflict", "This NHI already has a pending or active entitlement on this data set for this workflow", [
        { path: "dataSetId", message: "already requested or granted; change the existing entitlement instead" },
      ]);
    }
    throw error;
  }
}
