import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { dataSets, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { type OwnerRef, likeContains, nameCursor, ownerRef, pageByName } from "@/lib/domain/lists";
import { type Page, decodeCursor } from "@/lib/validation/common";
import type { ListDataSetsQuery } from "@/lib/validation/data-sets";

type DataSetRow = typeof dataSets.$inferSelect;

export type DataSetListItem = Pick<DataSetRow, "id" | "name" | "system" | "description" | "sensitivity" | "environment"> & {
  owner: OwnerRef | null;
};

/** Data sets by name, keyset-paginated on (name, id); `q` matches name or system. */
export async function listDataSets(actor: Actor, query: ListDataSetsQuery): Promise<Page<DataSetListItem>> {
  requirePermission(actor, "data_sets.read");
  const after = decodeCursor(query.cursor, nameCursor);
  const pattern = query.q ? likeContains(query.q) : undefined;
  const rows = await db
    .select({
      id: dataSets.id,
      name: dataSets.name,
      system: dataSets.system,
      description: dataSets.description,
      sensitivity: dataSets.sensitivity,
      environment: dataSets.environment,
      ownerId: users.id,
      ownerName: users.name,
      ownerActive: users.active,
    })
    .from(dataSets)
    .leftJoin(users, eq(users.id, dataSets.ownerId))
    .where(
      and(
        pattern ? or(ilike(dataSets.name, pattern), ilike(dataSets.system, pattern)) : undefined,
        query.sensitivity ? eq(dataSets.sensitivity, query.sensitivity) : undefined,
        query.environment ? eq(dataSets.environment, query.environment) : undefined,
        query.ownerId ? eq(dataSets.ownerId, query.ownerId) : undefined,
        after ? sql`(${dataSets.name}, ${dataSets.id}) > (${after.name}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(dataSets.name), asc(dataSets.id))
    .limit(query.limit + 1);

  return pageByName(rows, query.limit, ({ ownerId, ownerName, ownerActive, ...r }): DataSetListItem => ({
    ...r,
    owner: ownerRef(ownerId, ownerName, ownerActive),
  }));
}
