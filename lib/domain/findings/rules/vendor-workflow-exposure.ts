import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { at, workflowOwner, workflowOwnerJoins } from "./sql-helpers";

/** A static credential with no period is expected to show a rotation within this many days. */
export const DEFAULT_ROTATION_EVIDENCE_DAYS = 90;

export const vendorWorkflowExposure: Rule = {
  id: "vendor-workflow-exposure",
  title: "Vendor-managed workflow on restricted data or without rotation evidence",
  severity: "high",
  targetType: "workflow",
  frameworks: ["OWASP-NHI:NHI3", "OWASP-ASI:ASI04", "NIST-AI-RMF:GOVERN-6.1", "NIST-AI-RMF:GOVERN-6.2"],
  description: `An active workflow running on vendor tooling holds active access to restricted data, or one of its identities holds a static credential never rotated within its period (${DEFAULT_ROTATION_EVIDENCE_DAYS} days when none is set).`,
  remediation: "Keep restricted data away from vendor-run workflows (revoke, or record the vendor's assurance as an accepted risk), and rotate the vendor's credentials on a period you can evidence.",
  owner: "The workflow's business owner, who holds the vendor relationship; its identity owner when the business owner is gone.",
  controls: ["vendor-tracking", "credential-lifecycle", "review-cadence"],
  query: (now) => sql`
    select w.id as target_id,
      ${workflowOwner("business")} as owner_id,
      jsonb_strip_nulls(jsonb_build_object('name', w.name, 'workflowId', w.id, 'vendor', w.vendor,
        'restrictedDataSets', r.names, 'unrotatedCredentials', nullif(s.credentials, 0))) as details
    from workflows w
    cross join lateral (
      select array_agg(distinct d.name order by d.name) as names
      from entitlements e join data_sets d on d.id = e.data_set_id
      where e.workflow_id = w.id and e.status = 'active' and d.sensitivity = 'restricted') r
    cross join lateral (
      select count(distinct c.id)::int as credentials
      from workflow_nhis b join credentials c on c.nhi_id = b.nhi_id
      where b.workflow_id = w.id and c.status = 'active' and c.kind <> 'jit_token' and c.last_rotated_at is null
        and c.issued_at < ${at(now)} - make_interval(days => coalesce(c.rotation_period_days, ${DEFAULT_ROTATION_EVIDENCE_DAYS}))) s
    ${workflowOwnerJoins}
    where w.vendor is not null and w.status = 'active' and (r.names is not null or s.credentials > 0)`,
};
