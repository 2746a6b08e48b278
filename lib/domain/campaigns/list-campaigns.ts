import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { reviewCampaigns, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import type { ListCampaignsQuery } from "@/lib/validation/campaigns";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";

const cursorShape = z.object({ createdAt: z.string(), id: z.uuid() });

export type CampaignListItem = {
  id: string;
  name: string;
  status: "draft" | "active" | "closed";
  stages: string[];
  dueAt: Date;
  nonResponse: "keep" | "revoke";
  owner: { id: string; name: string } | null;
  populationSize: number | null;
  /** Entitlements still waiting for a decision (one pending item each). */
  pending: number;
  overdue: boolean;
  launchedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
};

/** Newest first, keyset-paginated; progress is `populationSize - pending` (each open entitlement has exactly one pending item). */
export async function listCampaigns(actor: Actor, query: ListCampaignsQuery): Promise<Page<CampaignListItem>> {
  requirePermission(actor, "campaigns.read");
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await db
    .select({
      c: reviewCampaigns,
      ownerName: users.name,
      pending: sql<number>`(select count(*)::int from review_items r where r.campaign_id = ${reviewCampaigns.id} and r.status = 'pending')`,
      // The sort key at full (microsecond) precision: a JS Date would truncate it and skip rows on the next page.
      sortKey: sql<string>`${reviewCampaigns.createdAt}::text`,
    })
    .from(reviewCampaigns)
    .leftJoin(users, eq(users.id, reviewCampaigns.ownerId))
    .where(
      and(
        query.status ? eq(reviewCampaigns.status, query.status) : undefined,
        after ? sql`(${reviewCampaigns.createdAt}, ${reviewCampaigns.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(reviewCampaigns.createdAt), desc(reviewCampaigns.id))
    .limit(query.limit + 1);
  const now = Date.now();
  const page = rows.slice(0, query.limit);
  const items = page.map(({ c, ownerName, pending }) => ({
    id: c.id,
    name: c.name,
    status: c.status,
    stages: c.stages,
    dueAt: c.dueAt,
    nonResponse: c.nonResponse,
    owner: c.ownerId ? { id: c.ownerId, name: ownerName ?? "" } : null,
    populationSize: c.populationSize,
    pending,
    overdue: c.status === "active" && c.dueAt.getTime() < now && pending > 0,
    launchedAt: c.launchedAt,
    closedAt: c.closedAt,
    createdAt: c.createdAt,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.sortKey, id: last.c.id }) : null };
}
