import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { daysBefore, nhiOwner, nhiOwnerJoin } from "./sql-helpers";

/** A new identity gets this long to be bound to the workflow it was made for. */
export const UNBOUND_GRACE_DAYS = 7;

export const nhiWithoutWorkflow: Rule = {
  id: "nhi-without-workflow",
  title: "Active NHI serving no workflow",
  severity: "low",
  targetType: "nhi",
  frameworks: ["NIST-AI-RMF:GOVERN-1.6", "OWASP-NHI:NHI1"],
  description: `An active identity older than ${UNBOUND_GRACE_DAYS} days is bound to no workflow that is not retired, so no business task justifies it.`,
  remediation: "Bind it to the workflow it serves (so its access is reviewed with that task), or revoke and decommission it.",
  owner: "The NHI's owner; none while the NHI is orphaned.",
  controls: ["workload-binding", "inventory-import", "one-click-revoke"],
  query: (now) => sql`
    select n.id as target_id, ${nhiOwner} as owner_id,
      jsonb_build_object('name', n.name, 'nhiId', n.id, 'lastUsedAt', n.last_used_at) as details
    from nhis n
    ${nhiOwnerJoin}
    where n.status = 'active' and n.created_at < ${daysBefore(now, UNBOUND_GRACE_DAYS)}
      and not exists (
        select 1 from workflow_nhis b join workflows w on w.id = b.workflow_id
        where b.nhi_id = n.id and w.status <> 'retired')`,
};
