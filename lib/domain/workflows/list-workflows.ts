import { aliasedTable, and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { dataSets, users, workflowDataSets, workflowNhis, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { type OwnerRef, likeContains, nameCursor, ownerRef, pageByName } from "@/lib/domain/lists";
import { type Page, decodeCursor } from "@/lib/validation/common";
import type { ListWorkflowsQuery } from "@/lib/validation/workflows";

export type WorkflowListItem = {
  id: string;
  name: string;
  autonomy: (typeof workflows.$inferSelect)["autonomy"];
  status: (typeof workflows.$inferSelect)["status"];
  vendor: string | null;
  businessOwner: OwnerRef | null;
  identityOwner: OwnerRef | null;
  approvedDataSets: number;
  identities: number;
};

const businessOwners = aliasedTable(users, "business_owner");
const identityOwners = aliasedTable(users, "identity_owner");

/** Workflows by name, keyset-paginated on (name, id); `q` matches name, vendor or purpose. */
export async function listWorkflows(actor: Actor, query: ListWorkflowsQuery): Promise<Page<WorkflowListItem>> {
  requirePermission(actor, "workflows.read");
  const after = decodeCursor(query.cursor, nameCursor);
  const pattern = query.q ? likeContains(query.q) : undefined;
  const rows = await db
    .select({
      id: workflows.id,
      name: workflows.name,
      autonomy: workflows.autonomy,
      status: workflows.status,
      vendor: workflows.vendor,
      businessOwnerId: businessOwners.id,
      businessOwnerName: businessOwners.name,
      businessOwnerActive: businessOwners.active,
      identityOwnerId: identityOwners.id,
      identityOwnerName: identityOwners.name,
      identityOwnerActive: identityOwners.active,
      approvedDataSets: sql<number>`(select count(*)::int from ${workflowDataSets} where ${workflowDataSets.workflowId} = ${workflows.id})`,
      identities: sql<number>`(select count(*)::int from ${workflowNhis} where ${workflowNhis.workflowId} = ${workflows.id})`,
    })
    .from(workflows)
    .leftJoin(businessOwners, eq(businessOwners.id, workflows.businessOwnerId))
    .leftJoin(identityOwners, eq(identityOwners.id, workflows.identityOwnerId))
    .where(
      and(
        pattern
          ? or(ilike(workflows.name, pattern), ilike(workflows.vendor, pattern), ilike(workflows.purpose, pattern))
          : undefined,
        query.status ? eq(workflows.status, query.status) : undefined,
        query.autonomy ? eq(workflows.autonomy, query.autonomy) : undefined,
        query.ownerId ? or(eq(workflows.businessOwnerId, query.ownerId), eq(workflows.identityOwnerId, query.ownerId)) : undefined,
        query.vendor ? (query.vendor === "yes" ? sql`${workflows.vendor} is not null` : sql`${workflows.vendor} is null`) : undefined,
        query.sensitivity
          ? sql`exists (select 1 from ${workflowDataSets} w join ${dataSets} d on d.id = w.data_set_id
                 where w.workflow_id = ${workflows.id} and d.sensitivity = ${query.sensitivity})`
          : undefined,
        after ? sql`(${workflows.name}, ${workflows.id}) > (${after.name}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(workflows.name), asc(workflows.id))
    .limit(query.limit + 1);

  return pageByName(
    rows,
    query.limit,
    (r): WorkflowListItem => ({
      id: r.id,
      name: r.name,
      autonomy: r.autonomy,
      status: r.status,
      vendor: r.vendor,
      businessOwner: ownerRef(r.businessOwnerId, r.businessOwnerName, r.businessOwnerActive),
      identityOwner: ownerRef(r.identityOwnerId, r.identityOwnerName, r.identityOwnerActive),
      approvedDataSets: r.approvedDataSets,
      identities: r.identities,
    }),
  );
}
