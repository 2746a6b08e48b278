import { aliasedTable, and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { dataSets, users, workflowDataSets, workflowNhis, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import type { ListWorkflowsQuery } from "@/lib/validation/workflows";

/** An accountable owner as lists show it; `active: false` means they have left (OWASP NHI1). */
export type OwnerRef = { id: string; name: string; active: boolean };

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

const cursorShape = z.object({ name: z.string(), id: z.uuid() });

/** `%` and `_` typed into a search box are literal characters, not wildcards. */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, "\\$&")}%`;
}

const businessOwners = aliasedTable(users, "business_owner");
const identityOwners = aliasedTable(users, "identity_owner");

/** Workflows by name, keyset-paginated on (name, id); `q` matches name, vendor or purpose. */
export async function listWorkflows(actor: Actor, query: ListWorkflowsQuery): Promise<Page<WorkflowListItem>> {
  requirePermission(actor, "workflows.read");
  const after = decodeCursor(query.cursor, cursorShape);
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

  const items = rows.slice(0, query.limit).map(
    (r): WorkflowListItem => ({
      id: r.id,
      name: r.name,
      autonomy: r.autonomy,
      status: r.status,
      vendor: r.vendor,
      businessOwner: r.businessOwnerId ? { id: r.businessOwnerId, name: r.businessOwnerName ?? "", active: r.businessOwnerActive ?? false } : null,
      identityOwner: r.identityOwnerId ? { id: r.identityOwnerId, name: r.identityOwnerName ?? "", active: r.identityOwnerActive ?? false } : null,
      approvedDataSets: r.approvedDataSets,
      identities: r.identities,
    }),
  );
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null };
}
