import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { createDataSet, createEntitlement, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { reviewItems } from "@/db/schema";
import { type Actor, userActor } from "@/lib/domain/actor";
import { revokeRows } from "@/lib/domain/revocation/revoke-rows";
import { announceRevocation } from "@/lib/domain/revocation/revoke-access";
import { createCampaignInput } from "@/lib/validation/campaigns";
import { onCampaignItemDecided } from "@/lib/domain/campaigns/advance-stage";
import { createCampaign } from "@/lib/domain/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/campaigns/launch-campaign";

// Shared setup of the campaign tests.

export const DAY = 86_400_000;

export async function admin(): Promise<Actor> {
  return userActor(await createUser(db, { roles: ["admin"] }));
}

/** An owner pair and `n` active grants of one workflow; the business owner id isolates the scope from other tests. */
export async function ownedGrants(n: number, workflowFields: Parameters<typeof createWorkflow>[1] = {}) {
  const bo = await createUser(db, { roles: ["business_owner"] });
  const io = await createUser(db, { roles: ["identity_owner"] });
  const workflow = await createWorkflow(db, { businessOwnerId: bo.id, identityOwnerId: io.id, ...workflowFields });
  // Approved on the identity side by someone else, so the workflow's identity owner may review (separation of duties).
  const approver = await createUser(db, { roles: ["identity_owner"] });
  const grants = [];
  for (let i = 0; i < n; i++) {
    const dataSet = await createDataSet(db);
    const nhi = await createNhi(db, { environment: dataSet.environment });
    grants.push(await createEntitlement(db, { workflowId: workflow.id, dataSetId: dataSet.id, nhiId: nhi.id, identityApprovedById: approver.id }));
  }
  return { bo, io, approver, workflow, grants };
}

export async function launched(actor: Actor, ownerId: string, extra: Record<string, unknown> = {}) {
  const campaign = await createCampaign(
    actor,
    createCampaignInput.parse({ name: `Q${Math.random().toString(36).slice(2, 8)}`, scope: { ownerId }, dueAt: new Date(Date.now() + 14 * DAY), ...extra }),
  );
  const outcome = await launchCampaign(actor, campaign.id);
  return { campaign, outcome };
}

export const itemsOf = (campaignId: string) => db.select().from(reviewItems).where(eq(reviewItems.campaignId, campaignId)).orderBy(reviewItems.stage, reviewItems.entitlementId);

export const itemFor = async (campaignId: string, entitlementId: string, stage: "business_owner" | "identity_owner") =>
  (await db.select().from(reviewItems).where(and(eq(reviewItems.campaignId, campaignId), eq(reviewItems.entitlementId, entitlementId), eq(reviewItems.stage, stage))))[0];

/**
 * Stands in for the reviews helper's decideReviewItem: records the decision,
 * performs a real revoke for `revoke`, then calls the stage hook in the same
 * transaction — exactly the contract onCampaignItemDecided documents.
 */
export async function decide(itemId: string, reviewer: Actor, decision: "certify" | "revoke" | "modify", rationale = "reviewed") {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [item] = await tx
      .update(reviewItems)
      .set({ status: "decided", decision, rationale, decidedAt: now, decidedById: reviewer.userId })
      .where(eq(reviewItems.id, itemId))
      .returning();
    if (decision === "revoke") {
      const [grant] = await tx.execute<{ workflow_id: string; actions: string[] }>(sql`select workflow_id, actions::text[] from entitlements where id = ${item!.entitlementId}`);
      const result = await revokeRows(tx, reviewer, { type: "entitlement", id: item!.entitlementId, workflowId: grant!.workflow_id }, { entitlementIds: [item!.entitlementId], credentialIds: [] }, rationale);
      if (result) {
        await announceRevocation(tx, reviewer, result, rationale, {
          type: "entitlement.revoked",
          auditTarget: { type: "entitlement", id: item!.entitlementId },
          workflow: { id: grant!.workflow_id, name: "w" },
          identity: null,
          dataSet: null,
          actions: grant!.actions,
        });
      }
    }
    await onCampaignItemDecided(tx, item!, now);
    return item!;
  });
}
