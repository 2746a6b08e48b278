import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { credentials, dataSets, entitlements, nhis, reviewCampaigns, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { announceRevocation } from "@/lib/domain/revocation/revoke-access";
import { revokeRows } from "@/lib/domain/revocation/revoke-rows";
import { lockCampaign } from "./load-campaign";

export type CloseOutcome = {
  id: string;
  status: "closed";
  nonResponsePolicy: "keep" | "revoke";
  /** Entitlements without a final decision at close. */
  nonResponse: number;
  /** Of those, entitlements actually revoked now (0 under `keep`; already-revoked grants are not counted twice). */
  revoked: number;
  kept: number;
  closedAt: Date;
};

/**
 * active → closed, applying the non-response policy to every undecided item
 * (invariant 8). Items are marked in one UPDATE; under `revoke` each
 * undecided grant is then revoked for real — the same primitive, audit event
 * and hook outbox rows as a Revoke click (invariant 3), one revocation per
 * grant so every receiver gets the grant's identity and data set and the
 * evidence has per-grant remediation proof.
 */
export async function closeCampaign(actor: Actor, id: string, reason?: string): Promise<CloseOutcome> {
  requirePermission(actor, "campaigns.manage");
  return db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, id, ["active"], "close");
    const now = new Date();
    const policy = campaign.nonResponse;
    const note =
      policy === "revoke" ? "No decision by close: access revoked (non-response policy revoke)" : "No decision by close: access kept (non-response policy keep)";

    // A reviewer deciding concurrently holds their item's lock; this UPDATE waits for it, and their certify may
    // have opened a next-stage item after the UPDATE's snapshot. Repeat until nothing is pending: each pass only
    // finds items opened by decisions the previous pass waited for, so it converges (usually in one pass).
    const undecidedSet = new Set<string>();
    for (;;) {
      const marked = await tx.execute<{ entitlement_id: string }>(sql`
        update review_items set status = 'closed', decision = 'non_response', closed_reason = ${note}, decided_at = ${now.toISOString()}::timestamptz
        where campaign_id = ${id} and status = 'pending'
        returning entitlement_id`);
      for (const r of marked) undecidedSet.add(r.entitlement_id);
      const [left] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from review_items where campaign_id = ${id} and status = 'pending'`);
      if (left!.n === 0) break;
    }
    const undecided = [...undecidedSet];

    let revoked = 0;
    if (policy === "revoke" && undecided.length) {
      revoked = await revokeUndecided(tx, actor, undecided, `Campaign "${campaign.name}": ${note}`);
    }

    await tx
      .update(reviewCampaigns)
      .set({ status: "closed", closedAt: now, closedById: actor.userId, updatedAt: now })
      .where(eq(reviewCampaigns.id, id));
    const outcome: CloseOutcome = {
      id,
      status: "closed",
      nonResponsePolicy: policy,
      nonResponse: undecided.length,
      revoked,
      kept: policy === "keep" ? undecided.length : 0,
      closedAt: now,
    };
    await recordAuditEvent(tx, actor, {
      action: "campaign.closed",
      targetType: "campaign",
      targetId: id,
      reason: reason ?? null,
      before: { status: "active" },
      after: { status: "closed", nonResponsePolicy: policy, nonResponse: outcome.nonResponse, revoked, kept: outcome.kept },
    });
    return outcome;
  });
}

const CHUNK = 1_000;

/** Facts and scoped credentials are read set-based per chunk; each live grant is then revoked and announced. */
async function revokeUndecided(tx: Transaction, actor: Actor, entitlementIds: string[], why: string): Promise<number> {
  let revoked = 0;
  for (let i = 0; i < entitlementIds.length; i += CHUNK) {
    const ids = entitlementIds.slice(i, i + CHUNK);
    const grants = await tx
      .select({ e: entitlements, nhi: nhis, dataSet: dataSets, workflow: workflows })
      .from(entitlements)
      .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
      .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
      .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
      .where(and(inArray(entitlements.id, ids), inArray(entitlements.status, ["pending", "active"])));
    const scoped = grants.length
      ? await tx
          .select({ id: credentials.id, entitlementId: credentials.entitlementId })
          .from(credentials)
          .where(and(inArray(credentials.entitlementId, grants.map((g) => g.e.id)), eq(credentials.status, "active")))
      : [];
    for (const grant of grants) {
      const credentialIds = scoped.filter((c) => c.entitlementId === grant.e.id).map((c) => c.id);
      const result = await revokeRows(tx, actor, { type: "entitlement", id: grant.e.id, workflowId: grant.workflow.id }, { entitlementIds: [grant.e.id], credentialIds }, why);
      if (!result) continue;
      await announceRevocation(tx, actor, result, why, {
        type: "entitlement.revoked",
        auditTarget: { type: "entitlement", id: grant.e.id },
        workflow: grant.workflow,
        identity: grant.nhi,
        dataSet: grant.dataSet,
        actions: grant.e.actions,
      });
      revoked += 1;
    }
  }
  return revoked;
}
