import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { reviewCampaigns } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { notify } from "@/lib/domain/notifications/notify";
import { reviewerSql } from "@/lib/domain/reviews/reviewer-sql";
import { AppError } from "@/lib/errors";
import type { CampaignScope } from "@/lib/validation/campaigns";
import { lockCampaign } from "./load-campaign";
import { POPULATION_FROM, SNAPSHOT_SQL, scopeSql } from "./scope-sql";
import { computeSnapshotHash } from "./snapshot-hash";

export type LaunchOutcome = { id: string; status: "active"; populationSize: number; snapshotHash: string; unassigned: number; reviewers: number; launchedAt: Date };

/**
 * draft → active. Freezes the population in ONE set-based statement: a
 * first-stage item per in-scope active entitlement, its reviewer by the
 * shared rule (reviewerSql) and its facts as a jsonb snapshot, then hashes
 * the stored snapshots. Nothing here loops over entitlements in Node, so a
 * million-entitlement scope costs one INSERT … SELECT and one aggregate.
 */
export async function launchCampaign(actor: Actor, id: string, reason?: string): Promise<LaunchOutcome> {
  requirePermission(actor, "campaigns.manage");
  return db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, id, ["draft"], "launch");
    const now = new Date();
    if (campaign.dueAt.getTime() <= now.getTime()) throw AppError.invalid("dueAt", "is in the past; a campaign must be due after its launch");
    const firstStage = campaign.stages[0]!;

    const [inserted] = await tx.execute<{ population: number; unassigned: number }>(sql`
      with ins as (
        insert into review_items (campaign_id, entitlement_id, stage, reviewer_id, due_at, snapshot, created_at)
        select ${id}, e.id, ${firstStage}::review_stage, ${reviewerSql(firstStage)}, ${campaign.dueAt.toISOString()}::timestamptz,
               ${SNAPSHOT_SQL}, ${now.toISOString()}::timestamptz
        from ${POPULATION_FROM}
        where ${scopeSql(campaign.scope as Partial<CampaignScope>, now)}
        returning reviewer_id
      )
      select count(*)::int as population, count(*) filter (where reviewer_id is null)::int as unassigned from ins`);
    const { hash, count } = await computeSnapshotHash(tx, id, firstStage);
    if (count !== inserted!.population) throw new Error(`launch: hashed ${count} items, inserted ${inserted!.population}`);

    await tx
      .update(reviewCampaigns)
      .set({ status: "active", launchedAt: now, launchedById: actor.userId, populationSize: count, snapshotHash: hash, updatedAt: now })
      .where(eq(reviewCampaigns.id, id));

    const reviewers = await tx.execute<{ reviewer_id: string; n: number }>(sql`
      select reviewer_id, count(*)::int as n from review_items
      where campaign_id = ${id} and status = 'pending' and reviewer_id is not null group by reviewer_id`);
    await notify(
      tx,
      reviewers.map((r) => ({
        userId: r.reviewer_id,
        kind: "campaign.launched",
        title: `Access review "${campaign.name}": ${r.n} item${r.n === 1 ? "" : "s"} to review`,
        body: `Due ${campaign.dueAt.toISOString().slice(0, 10)}. Undecided items at the due date are ${campaign.nonResponse === "revoke" ? "revoked" : "kept"}.`,
        link: "/reviews",
      })),
    );
    await recordAuditEvent(tx, actor, {
      action: "campaign.launched",
      targetType: "campaign",
      targetId: id,
      reason: reason ?? null,
      before: { status: "draft" },
      after: { status: "active", populationSize: count, snapshotHash: hash, unassigned: inserted!.unassigned, reviewers: reviewers.length },
    });
    return { id, status: "active" as const, populationSize: count, snapshotHash: hash, unassigned: inserted!.unassigned, reviewers: reviewers.length, launchedAt: now };
  });
}
