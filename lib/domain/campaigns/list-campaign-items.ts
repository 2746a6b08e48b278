import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { reviewItems, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import type { ListCampaignItemsQuery } from "@/lib/validation/campaigns";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import { findCampaign } from "./load-campaign";

export type CampaignItem = {
  id: string;
  entitlementId: string;
  stage: string;
  status: string;
  decision: string | null;
  reviewer: { id: string; name: string; email: string } | null;
  workflowName: string;
  nhiName: string;
  dataSetName: string;
  actions: string[];
  decidedAt: Date | null;
  closedReason: string | null;
  requestedById: string | null;
  identityApprovedById: string | null;
};

const cursorShape = z.object({ id: z.uuid() });

/** The campaign's items in id order (keyset), for the detail page's item table and reassignment. */
export async function listCampaignItems(actor: Actor, campaignId: string, query: ListCampaignItemsQuery): Promise<Page<CampaignItem>> {
  requirePermission(actor, "campaigns.read");
  await findCampaign(db, campaignId);
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await db
    .select({ item: reviewItems, name: users.name, email: users.email })
    .from(reviewItems)
    .leftJoin(users, eq(users.id, reviewItems.reviewerId))
    .where(
      and(
        eq(reviewItems.campaignId, campaignId),
        query.status ? eq(reviewItems.status, query.status) : undefined,
        after ? gt(reviewItems.id, after.id) : undefined,
      ),
    )
    .orderBy(asc(reviewItems.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(({ item, name, email }) => {
    const s = item.snapshot as Record<string, unknown>;
    return {
      id: item.id,
      entitlementId: item.entitlementId,
      stage: item.stage,
      status: item.status,
      decision: item.decision,
      reviewer: item.reviewerId ? { id: item.reviewerId, name: name ?? "", email: email ?? "" } : null,
      workflowName: String(s.workflowName ?? ""),
      nhiName: String(s.nhiName ?? ""),
      dataSetName: String(s.dataSetName ?? ""),
      actions: Array.isArray(s.actions) ? (s.actions as string[]) : [],
      decidedAt: item.decidedAt,
      closedReason: item.closedReason,
      requestedById: (s.requestedById as string | null) ?? null,
      identityApprovedById: (s.identityApprovedById as string | null) ?? null,
    };
  });
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null };
}

/** Users who could take over a pending item at a stage: active, holding the stage's role (SoD is checked per item on reassign). */
export async function listStageReviewers(actor: Actor, stage: "business_owner" | "identity_owner") {
  requirePermission(actor, "campaigns.read");
  return db.execute<{ id: string; name: string; email: string }>(sql`
    select id, name, email from users where active and ${stage}::role = any(roles) order by name limit 500`);
}
