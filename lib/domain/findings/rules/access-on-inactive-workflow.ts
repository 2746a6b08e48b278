import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { workflowOwner, workflowOwnerJoins } from "./sql-helpers";

export const accessOnInactiveWorkflow: Rule = {
  id: "access-on-inactive-workflow",
  title: "Active access on a suspended or retired workflow",
  severity: "high",
  targetType: "workflow",
  frameworks: ["OWASP-NHI:NHI1", "OWASP-ASI:ASI10", "NIST-AI-RMF:GOVERN-1.7", "NIST-AI-RMF:MANAGE-2.4"],
  description: "A workflow is suspended or retired but still has active entitlements or active credentials issued for them.",
  remediation: "Use Revoke all on the workflow's page (or retire it, which offboards everything) unless it is about to be reactivated.",
  owner: "The workflow's identity owner, who revokes; its business owner when the identity owner is gone.",
  controls: ["offboarding-on-retire", "one-click-revoke"],
  query: () => sql`
    select w.id as target_id,
      ${workflowOwner("identity")} as owner_id,
      jsonb_build_object('name', w.name, 'workflowId', w.id, 'status', w.status,
        'activeEntitlements', x.entitlements, 'activeCredentials', x.credentials) as details
    from workflows w
    cross join lateral (
      select count(distinct e.id)::int as entitlements, count(c.id)::int as credentials
      from entitlements e left join credentials c on c.entitlement_id = e.id and c.status = 'active'
      where e.workflow_id = w.id and e.status = 'active') x
    ${workflowOwnerJoins}
    where w.status in ('suspended', 'retired') and x.entitlements > 0`,
};
