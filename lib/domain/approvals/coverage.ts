import { type SQL, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { entitlements } from "@/db/schema";

/**
 * True when every action of the entitlement (or request) lies within the
 * workflow's approved actions on that data set, or within an approved,
 * unexpired exception for it (DESIGN.md invariant 1). One SQL predicate so the
 * request check, the narrowing flag and the findings rule cannot disagree.
 */
export function actionsCovered(workflowId: SQL | string, dataSetId: SQL | string, actions: SQL): SQL {
  return sql`not exists (
    select 1 from unnest(${actions}) as requested(action)
    where not exists (
        select 1 from workflow_data_sets w
        where w.workflow_id = ${workflowId} and w.data_set_id = ${dataSetId} and requested.action = any(w.actions))
      and not exists (
        select 1 from access_exceptions x
        where x.workflow_id = ${workflowId} and x.data_set_id = ${dataSetId} and x.status = 'approved'
          and x.expires_at > now() and requested.action = any(x.actions))
  )`;
}

/**
 * Re-evaluates whether open entitlements still fit their workflow's approval
 * (after narrowing, or an exception expiring) and stamps or clears
 * `exceeds_approval_since`. Set-based: one statement for any number of rows.
 */
export async function refreshApprovalCoverage(tx: Transaction, workflowId?: string) {
  const covered = actionsCovered(sql`e.workflow_id`, sql`e.data_set_id`, sql`e.actions`);
  const changed = await tx.execute<{ id: string; exceeds: boolean }>(sql`
    update ${entitlements} e
    set exceeds_approval_since = case when ${covered} then null else coalesce(e.exceeds_approval_since, now()) end,
        updated_at = now()
    where e.status in ('pending', 'active')
      ${workflowId ? sql`and e.workflow_id = ${workflowId}` : sql``}
      and (e.exceeds_approval_since is null) = not (${covered})
    returning e.id, e.exceeds_approval_since is not null as exceeds`);
  return {
    nowExceeding: changed.filter((r) => r.exceeds).map((r) => r.id),
    nowCovered: changed.filter((r) => !r.exceeds).map((r) => r.id),
  };
}
