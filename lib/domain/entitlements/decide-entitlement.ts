import { eq, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { dataSets, entitlements, nhis, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { actionsCovered } from "@/lib/domain/approvals/coverage";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { notify } from "@/lib/domain/notifications/notify";
import { DAY_MS, cadenceDaysFor } from "@/lib/domain/policy";
import { AppError } from "@/lib/errors";
import { isBusinessApprover } from "./approvers";

type Side = "business" | "identity";
type EntitlementRow = typeof entitlements.$inferSelect;

/**
 * One side's signature (DESIGN.md invariant 2). Business: the workflow's
 * business owner or an escalation delegate. Identity: an identity owner.
 * Nobody signs their own request, and one person never signs both sides.
 * The entitlement becomes active, with a cadence from its risk, when both have signed.
 */
export async function approveEntitlement(actor: Actor, id: string, side: Side, comment?: string) {
  return decide(actor, id, side, "approve", async (tx, grant, context) => {
    const signedBy = side === "business" ? grant.businessApprovedById : grant.identityApprovedById;
    if (signedBy) {
      if (signedBy === actor.userId) return grant; // a double click: no-op
      throw AppError.conflict(`The ${side} side was already approved by someone else`);
    }
    const otherSide = side === "business" ? grant.identityApprovedById : grant.businessApprovedById;
    if (otherSide === actor.userId) throw AppError.forbidden("Dual control: the same person cannot approve both sides");
    // Invariant 1 holds when signing too: the approval may have narrowed, or the exception expired, since the request.
    const [coverage] = await tx.execute<{ covered: boolean }>(
      sql`select ${actionsCovered(grant.workflowId, grant.dataSetId, sql`${`{${grant.actions.join(",")}}`}::data_action[]`)} as covered`,
    );
    if (!coverage?.covered) {
      throw AppError.conflict(
        `${grant.actions.join(", ")} on ${context.dataSet.name} is no longer within what “${context.workflow.name}” is approved for (approval narrowed or exception expired); deny this request, or ask the business owner to widen the approval or grant an exception`,
      );
    }

    const now = new Date();
    const bothSigned = Boolean(otherSide);
    const cadence = cadenceDaysFor({
      classification: context.nhi.classification,
      sensitivity: context.dataSet.sensitivity,
      autonomy: context.workflow.autonomy,
      workflowCadenceDays: context.workflow.reviewCadenceDays,
    });
    const [after] = await tx
      .update(entitlements)
      .set({
        ...(side === "business" ? { businessApprovedById: actor.userId, businessApprovedAt: now } : { identityApprovedById: actor.userId, identityApprovedAt: now }),
        ...(bothSigned ? { status: "active" as const, cadenceDays: cadence, lastReviewedAt: now, nextReviewAt: new Date(now.getTime() + cadence * DAY_MS) } : {}),
        updatedAt: now,
      })
      .where(eq(entitlements.id, id))
      .returning();
    if (bothSigned) {
      await notify(tx, [
        {
          userId: grant.requestedById,
          kind: "entitlement.activated",
          title: "Your request is active",
          body: `${context.nhi.name} → ${grant.actions.join(", ")} on ${context.dataSet.name}; next review in ${cadence} days`,
          link: `/identities/${grant.nhiId}`,
        },
      ]);
    }
    await recordAuditEvent(tx, actor, {
      action: bothSigned ? "entitlement.activated" : `entitlement.approved_${side}`,
      targetType: "entitlement",
      targetId: id,
      reason: comment,
      before: { status: grant.status },
      after: { status: after!.status, side, cadenceDays: bothSigned ? cadence : null },
    });
    return after!;
  });
}

export async function denyEntitlement(actor: Actor, id: string, side: Side, comment: string) {
  return decide(actor, id, side, "deny", async (tx, grant) => {
    const now = new Date();
    const [after] = await tx
      .update(entitlements)
      .set({ status: "denied", deniedById: actor.userId, deniedAt: now, denialComment: comment, updatedAt: now })
      .where(eq(entitlements.id, id))
      .returning();
    await notify(tx, [
      { userId: grant.requestedById, kind: "entitlement.denied", title: "Your request was denied", body: comment, link: `/requests?focus=${id}` },
    ]);
    await recordAuditEvent(tx, actor, {
      action: "entitlement.denied",
      targetType: "entitlement",
      targetId: id,
      reason: comment,
      before: { status: grant.status },
      after: { status: "denied", side },
    });
    return after!;
  });
}

type Context = {
  workflow: typeof workflows.$inferSelect;
  nhi: typeof nhis.$inferSelect;
  dataSet: typeof dataSets.$inferSelect;
};

/** Locks the request, checks who may sign which side, then runs the decision. */
async function decide(
  actor: Actor,
  id: string,
  side: Side,
  operation: "approve" | "deny",
  apply: (tx: Transaction, grant: EntitlementRow, context: Context) => Promise<EntitlementRow>,
) {
  requirePermission(actor, side === "business" ? "entitlements.approve_business" : "entitlements.approve_identity");
  return db.transaction(async (tx) => {
    const [grant] = await tx.select().from(entitlements).where(eq(entitlements.id, id)).for("update");
    if (!grant) throw AppError.notFound("Entitlement request");
    const [row] = await tx
      .select({ workflow: workflows, nhi: nhis, dataSet: dataSets })
      .from(workflows)
      .innerJoin(nhis, eq(nhis.id, grant.nhiId))
      .innerJoin(dataSets, eq(dataSets.id, grant.dataSetId))
      .where(eq(workflows.id, grant.workflowId));
    const context = row!;
    if (!actor.userId) throw AppError.forbidden("Approvals are made by people");
    if (grant.requestedById === actor.userId) throw AppError.forbidden("Nobody approves or denies a request they made");
    if (side === "business" && !(await isBusinessApprover(tx, actor.userId, context.workflow))) {
      throw AppError.forbidden("Only the workflow's business owner or an escalation delegate signs the business side");
    }
    if (side === "identity" && !hasRole(actor, "identity_owner")) throw AppError.forbidden("Only identity owners sign the identity side");
    if (grant.status !== "pending") {
      const signedThisSide = side === "business" ? grant.businessApprovedById : grant.identityApprovedById;
      // A double click repeats the same operation; the other operation on a decided request is a conflict.
      if (operation === "deny" && grant.status === "denied" && grant.deniedById === actor.userId) return grant;
      if (operation === "approve" && grant.status === "active" && signedThisSide === actor.userId) return grant;
      throw AppError.conflict(`The request is already ${grant.status}`);
    }
    return apply(tx, grant, context);
  });
}
