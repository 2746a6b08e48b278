import { and, asc, eq, ilike, sql } from "drizzle-orm";
import { db } from "@/db";
import { nhis, users, workflowNhis } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { type OwnerRef, likeContains, nameCursor, ownerRef, pageByName } from "@/lib/domain/lists";
import { type Page, decodeCursor } from "@/lib/validation/common";
import type { ListIdentitiesQuery } from "@/lib/validation/identities";

type NhiRow = typeof nhis.$inferSelect;

export type IdentityListItem = Pick<
  NhiRow,
  "id" | "name" | "kind" | "provider" | "externalId" | "environment" | "classification" | "status" | "lastUsedAt"
> & {
  owner: OwnerRef | null;
  /** Bound workflows; more than one is NHI reuse (OWASP NHI9). */
  workflows: number;
};

/**
 * NHIs by name, keyset-paginated on (name, id) so every page is an index range
 * scan on nhis_name_idx (no OFFSET), which keeps deep pages fast at 100k rows.
 */
export async function listIdentities(actor: Actor, query: ListIdentitiesQuery): Promise<Page<IdentityListItem>> {
  requirePermission(actor, "identities.read");
  const after = decodeCursor(query.cursor, nameCursor);
  const rows = await db
    .select({
      id: nhis.id,
      name: nhis.name,
      kind: nhis.kind,
      provider: nhis.provider,
      externalId: nhis.externalId,
      environment: nhis.environment,
      classification: nhis.classification,
      status: nhis.status,
      lastUsedAt: nhis.lastUsedAt,
      ownerId: users.id,
      ownerName: users.name,
      ownerActive: users.active,
      workflows: sql<number>`(select count(*)::int from ${workflowNhis} where ${workflowNhis.nhiId} = ${nhis.id})`,
    })
    .from(nhis)
    .leftJoin(users, eq(users.id, nhis.ownerId))
    .where(
      and(
        query.q ? ilike(nhis.name, likeContains(query.q)) : undefined,
        query.provider ? eq(nhis.provider, query.provider) : undefined,
        query.status ? eq(nhis.status, query.status) : undefined,
        query.kind ? eq(nhis.kind, query.kind) : undefined,
        query.classification ? eq(nhis.classification, query.classification) : undefined,
        query.environment ? eq(nhis.environment, query.environment) : undefined,
        query.ownerId ? eq(nhis.ownerId, query.ownerId) : undefined,
        query.workflowId
          ? sql`exists (select 1 from ${workflowNhis} b where b.nhi_id = ${nhis.id} and b.workflow_id = ${query.workflowId})`
          : undefined,
        lastUsedFilter(query.lastUsed),
        after ? sql`(${nhis.name}, ${nhis.id}) > (${after.name}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(nhis.name), asc(nhis.id))
    .limit(query.limit + 1);

  return pageByName(rows, query.limit, ({ ownerId, ownerName, ownerActive, ...r }): IdentityListItem => ({
    ...r,
    owner: ownerRef(ownerId, ownerName, ownerActive),
  }));
}

/** "never", used within 7/30 days, or idle for 90 days or more (including never). */
function lastUsedFilter(filter: ListIdentitiesQuery["lastUsed"]) {
  switch (filter) {
    case "never":
      return sql`${nhis.lastUsedAt} is null`;
    case "7d":
      return sql`${nhis.lastUsedAt} >= now() - interval '7 days'`;
    case "30d":
      return sql`${nhis.lastUsedAt} >= now() - interval '30 days'`;
    case "90d+":
      return sql`(${nhis.lastUsedAt} is null or ${nhis.lastUsedAt} < now() - interval '90 days')`;
    default:
      return undefined;
  }
}
