import { eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db";
import { dataSets, entitlements, nhis } from "@/db/schema";

/** The entitlements given by id, named for people (NHI, data set, actions). */
export async function listExceedingEntitlements(tx: Transaction, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: entitlements.id,
      status: entitlements.status,
      actions: entitlements.actions,
      nhiName: nhis.name,
      dataSetName: dataSets.name,
    })
    .from(entitlements)
    .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
    .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
    .where(inArray(entitlements.id, ids));
}
