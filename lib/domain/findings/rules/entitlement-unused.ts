import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { daysBefore, entitlementRef, workflowOwner, workflowOwnerJoins } from "./sql-helpers";

export const UNUSED_DAYS = 90;

export const entitlementUnused: Rule = {
  id: "entitlement-unused",
  title: `Entitlement unused for ${UNUSED_DAYS} days`,
  severity: "medium",
  targetType: "entitlement",
  frameworks: ["OWASP-NHI:NHI5"],
  description: `An entitlement has been active for more than ${UNUSED_DAYS} days while its identity has not been used in that time (or ever).`,
  remediation: "Revoke the entitlement; request it again if the task turns out to need it.",
  owner: "The workflow's identity owner, who manages entitlements; its business owner when the identity owner is gone.",
  controls: ["review-cadence", "review-campaigns", "one-click-revoke"],
  query: (now) => sql`
    select e.id as target_id,
      ${workflowOwner("identity")} as owner_id,
      jsonb_build_object(${entitlementRef}, 'lastUsedAt', n.last_used_at) as details
    from entitlements e
    join nhis n on n.id = e.nhi_id
    join workflows w on w.id = e.workflow_id
    join data_sets d on d.id = e.data_set_id
    ${workflowOwnerJoins}
    where e.status = 'active'
      and coalesce(greatest(e.business_approved_at, e.identity_approved_at), e.created_at) < ${daysBefore(now, UNUSED_DAYS)}
      and (n.last_used_at is null or n.last_used_at < ${daysBefore(now, UNUSED_DAYS)})`,
};
