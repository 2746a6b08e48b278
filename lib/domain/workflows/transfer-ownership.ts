import { eq } from "drizzle-orm";
import { users, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { notify } from "@/lib/domain/notifications/notify";
import { assertActiveUsers } from "@/lib/domain/users/user-checks";
import { AppError } from "@/lib/errors";
import type { TransferOwnershipInput } from "@/lib/validation/workflows";
import { inTransaction } from "./dry-run";
import { assertNotRetired, isAccountableBusinessOwner, lockWorkflow } from "./workflow-access";

/**
 * Hands one side of a workflow to another person, explicitly and audited
 * (e.g. when an owner leaves). The business side moves by its current owner
 * or, when it is ownerless, by an identity owner; the identity side by any
 * identity owner or the business owner.
 */
export async function transferWorkflowOwnership(actor: Actor, id: string, input: TransferOwnershipInput) {
  requirePermission(actor, "workflows.transfer");
  return inTransaction(false, async (tx) => {
    const workflow = await lockWorkflow(tx, id);
    assertNotRetired(workflow);
    const isIdentityOwner = actor.kind === "system" || hasRole(actor, "identity_owner");
    const isBusinessOwner = isAccountableBusinessOwner(actor, workflow);
    const [currentBusinessOwner] = workflow.businessOwnerId
      ? await tx.select({ active: users.active }).from(users).where(eq(users.id, workflow.businessOwnerId))
      : [];
    const businessSideOrphaned = !currentBusinessOwner?.active;
    const allowed =
      input.side === "business" ? isBusinessOwner || (isIdentityOwner && businessSideOrphaned) : isIdentityOwner || isBusinessOwner;
    if (!allowed) {
      throw AppError.forbidden(
        input.side === "business"
          ? "Only the business owner transfers the business side (identity owners may do so once it is ownerless)"
          : "Only an identity owner or the business owner transfers the identity side",
      );
    }

    const column = input.side === "business" ? "businessOwnerId" : "identityOwnerId";
    await assertActiveUsers(tx, [
      { path: "toUserId", userId: input.toUserId, role: input.side === "business" ? "business_owner" : "identity_owner" },
    ]);
    const from = workflow[column];
    if (from === input.toUserId) return workflow;
    const [after] = await tx
      .update(workflows)
      .set({ [column]: input.toUserId, updatedAt: new Date() })
      .where(eq(workflows.id, id))
      .returning();
    await notify(tx, [
      {
        userId: input.toUserId,
        kind: "workflow.ownership_transferred",
        title: `You are now the ${input.side} owner of “${workflow.name}”`,
        body: input.reason,
        link: `/workflows/${id}`,
      },
      { userId: from, kind: "workflow.ownership_transferred", title: `“${workflow.name}” was transferred to someone else`, body: input.reason, link: `/workflows/${id}` },
    ]);
    await recordAuditEvent(tx, actor, {
      action: "workflow.ownership_transferred",
      targetType: "workflow",
      targetId: id,
      reason: input.reason,
      before: { side: input.side, ownerId: from },
      after: { side: input.side, ownerId: input.toUserId },
    });
    return after!;
  });
}
