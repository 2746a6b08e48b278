import { sql } from "drizzle-orm";
import { actionsCovered } from "@/lib/domain/approvals/coverage";
import type { Rule } from "../types";
import { entitlementRef, workflowOwner, workflowOwnerJoins } from "./sql-helpers";

export const entitlementExceedsApproval: Rule = {
  id: "entitlement-exceeds-approval",
  title: "Entitlement beyond the workflow's approval",
  severity: "high",
  targetType: "entitlement",
  frameworks: ["OWASP-NHI:NHI5", "OWASP-ASI:ASI03"],
  description: "An active entitlement's data set or actions lie outside its workflow's approved data sets and no approved, unexpired exception covers them.",
  remediation: "Revoke the entitlement or narrow its actions; if the access is needed, the business owner approves the data set on the workflow or an expiring exception.",
  owner: "The workflow's business owner, who decides what the task may touch; its identity owner when the business owner is gone.",
  controls: ["approved-data-sets", "expiring-exceptions", "dual-control"],
  // The cheap test (actions within the approval row) runs first, on the
  // entitlements table alone, as a hash join; only rows it does not clear pay
  // for the exception lookup — the same predicate the request check uses
  // (lib/domain/approvals/coverage.ts) — and only those are joined for names.
  query: () => sql`
    select e.id as target_id,
      ${workflowOwner("business")} as owner_id,
      jsonb_build_object(${entitlementRef}, 'actions', e.actions, 'approvedActions', coalesce(x.approved, '{}')) as details
    from (
      select e.id, e.approved from (
        select e.id, e.workflow_id, e.data_set_id, e.actions, a.actions as approved
        from entitlements e
        left join workflow_data_sets a on a.workflow_id = e.workflow_id and a.data_set_id = e.data_set_id
        where e.status = 'active' and (a.actions is null or not (e.actions <@ a.actions))
        offset 0) e
      where not ${actionsCovered(sql`e.workflow_id`, sql`e.data_set_id`, sql`e.actions`)}) x
    join entitlements e on e.id = x.id
    join workflows w on w.id = e.workflow_id
    join nhis n on n.id = e.nhi_id
    join data_sets d on d.id = e.data_set_id
    ${workflowOwnerJoins}`,
};
