import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { nhiOwner, nhiOwnerJoin } from "./sql-helpers";

export const nhiSharedAcrossWorkflows: Rule = {
  id: "nhi-shared-across-workflows",
  title: "NHI serving several workflows",
  severity: "medium",
  targetType: "nhi",
  frameworks: ["OWASP-NHI:NHI9", "OWASP-ASI:ASI03", "OWASP-ASI:ASI08"],
  description: "One identity is bound to more than one workflow that is not retired, so their access, audit trail and blast radius merge.",
  remediation: "Give each workflow its own identity (register one per workflow and move its entitlements), then unbind the shared one.",
  owner: "The NHI's owner; none while the NHI is orphaned.",
  controls: ["workload-binding", "approved-data-sets"],
  query: () => sql`
    select n.id as target_id, ${nhiOwner} as owner_id,
      jsonb_build_object('name', n.name, 'nhiId', n.id, 'workflowCount', x.workflows, 'workflows', x.names) as details
    from (
      select b.nhi_id, count(*)::int as workflows, (array_agg(w.name order by w.name))[1:5] as names
      from workflow_nhis b join workflows w on w.id = b.workflow_id
      where w.status <> 'retired'
      group by b.nhi_id
      having count(*) > 1) x
    join nhis n on n.id = x.nhi_id
    ${nhiOwnerJoin}
    where n.status <> 'decommissioned'`,
};
