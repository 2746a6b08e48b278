import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { credentials, type dataSets, entitlements, type nhis, reviewItems, users, type workflows } from "@/db/schema";
import { DATA_ACTIONS } from "@/db/schema/enums";
import { permissionsFor } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { notify } from "@/lib/domain/notifications/notify";
import { DAY_MS, cadenceDaysFor } from "@/lib/domain/policy";
import { announceRevocation } from "@/lib/domain/revocation/revoke-access";
import { revokeRows } from "@/lib/domain/revocation/revoke-rows";
import { AppError } from "@/lib/errors";
import { isEligibleReviewer } from "./reviewer-sql";

type DataAction = (typeof DATA_ACTIONS)[number];

/** The locked item and grant a decision acts on, inside the deciding transaction. */
export type ReviewContext = {
  tx: Transaction;
  actor: Actor;
  item: typeof reviewItems.$inferSelect;
  entitlement: typeof entitlements.$inferSelect;
  workflow: typeof workflows.$inferSelect;
  identity: typeof nhis.$inferSelect;
  dataSet: typeof dataSets.$inferSelect;
  rationale: string | null;
  now: Date;
};

/** The grant's review cadence: its own, else the DESIGN.md risk rule (a workflow may only shorten it). */
export function cadenceOf(ctx: Pick<ReviewContext, "entitlement" | "workflow" | "identity" | "dataSet">): number {
  return (
    ctx.entitlement.cadenceDays ??
    cadenceDaysFor({
      classification: ctx.identity.classification,
      sensitivity: ctx.dataSet.sensitivity,
      autonomy: ctx.workflow.autonomy,
      workflowCadenceDays: ctx.workflow.reviewCadenceDays,
    })
  );
}

/** Certify: reviewed now, next review one cadence from now (invariant 8). */
export async function certifyGrant(ctx: ReviewContext): Promise<Date> {
  const next = new Date(ctx.now.getTime() + cadenceOf(ctx) * DAY_MS);
  await ctx.tx
    .update(entitlements)
    .set({ lastReviewedAt: ctx.now, nextReviewAt: next, updatedAt: ctx.now })
    .where(eq(entitlements.id, ctx.entitlement.id));
  return next;
}

/** Modify: keep a non-empty strict subset of the current actions; the caller certifies what remains. */
export async function narrowGrant(ctx: ReviewContext, requested: DataAction[] | undefined): Promise<DataAction[]> {
  const current = ctx.entitlement.actions;
  const kept = DATA_ACTIONS.filter((a) => requested?.includes(a));
  const outside = (requested ?? []).filter((a) => !current.includes(a));
  if (outside.length) throw AppError.invalid("actions", `can only keep actions the entitlement has (${current.join(", ")}); not ${outside.join(", ")}`);
  if (kept.length === 0 || kept.length >= current.length) {
    throw AppError.invalid("actions", `must keep some but not all of the current actions (${current.join(", ")})`);
  }
  await ctx.tx.update(entitlements).set({ actions: kept, updatedAt: ctx.now }).where(eq(entitlements.id, ctx.entitlement.id));
  return kept;
}

/**
 * Revoke: the same primitive as every other revocation (invariant 3): the
 * grant and the credentials issued only for it are revoked now. The review
 * assignment itself is the authority here (an escalation delegate may be the
 * reviewer without owning the workflow), so no separate owner check. Returns
 * the announcement (hook outbox rows + audit event), which the caller runs
 * after its own writes so the audit writer lock is taken last.
 */
export async function revokeGrant(ctx: ReviewContext): Promise<() => Promise<string | null>> {
  const { tx, actor, entitlement, workflow, identity, dataSet } = ctx;
  const reason = ctx.rationale ?? "Revoked in review";
  const scoped = await tx
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.entitlementId, entitlement.id), eq(credentials.status, "active")));
  const result = await revokeRows(
    tx,
    actor,
    { type: "entitlement", id: entitlement.id, workflowId: workflow.id },
    { entitlementIds: [entitlement.id], credentialIds: scoped.map((c) => c.id) },
    reason,
  );
  return async () => {
    if (!result) return null;
    const outcome = await announceRevocation(tx, actor, result, reason, {
      type: "entitlement.revoked",
      auditTarget: { type: "entitlement", id: entitlement.id },
      workflow,
      identity,
      dataSet,
      actions: entitlement.actions,
    });
    return outcome.revocationId;
  };
}

/**
 * Delegate: hand the item to another active user who may decide reviews and
 * is an eligible reviewer of this grant (separation of duties); identity-stage
 * items go to identity owners only. The delegate is notified.
 */
export async function delegateItem(ctx: ReviewContext, delegateTo: string | undefined) {
  const { tx, item, identity, dataSet, workflow } = ctx;
  if (!delegateTo) throw AppError.invalid("delegateTo", "is required to delegate");
  if (delegateTo === ctx.actor.userId) throw AppError.invalid("delegateTo", "is you: choose someone else");
  const [target] = await tx.select().from(users).where(eq(users.id, delegateTo));
  if (!target || !target.active) throw AppError.invalid("delegateTo", "must be an active user");
  if (!permissionsFor(target.roles, null).has("reviews.decide")) throw AppError.invalid("delegateTo", `${target.name} cannot decide reviews`);
  if (item.stage === "identity_owner" && !target.roles.includes("identity_owner")) {
    throw AppError.invalid("delegateTo", "must be an identity owner for an identity-stage review");
  }
  if (!isEligibleReviewer(delegateTo, ctx.entitlement)) {
    throw AppError.invalid("delegateTo", `${target.name} requested or approved this access on the identity side (separation of duties)`);
  }
  const [updated] = await tx
    .update(reviewItems)
    .set({ reviewerId: delegateTo, delegatedFromId: ctx.actor.userId, delegationReason: ctx.rationale, lastRemindedAt: null })
    .where(eq(reviewItems.id, item.id))
    .returning();
  await notify(tx, [
    {
      userId: delegateTo,
      kind: "review.delegated",
      title: `Review delegated to you: ${identity.name} on ${dataSet.name}`,
      body: `For ${workflow.name}. Reason: ${ctx.rationale ?? ""}`,
      link: `/reviews?focus=${item.id}`,
    },
  ]);
  return updated!;
}
