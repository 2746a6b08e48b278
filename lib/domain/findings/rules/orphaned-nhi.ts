import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { nhiOwnerJoin } from "./sql-helpers";

export const orphanedNhi: Rule = {
  id: "orphaned-nhi",
  title: "NHI without an active owner",
  severity: "high",
  targetType: "nhi",
  frameworks: ["OWASP-NHI:NHI1", "NIST-AI-RMF:GOVERN-2.1"],
  description: "An identity that is not decommissioned has no technical owner, or its owner has been deactivated.",
  remediation: "Assign a current identity owner on the identity's page, or revoke and decommission it if nothing needs it.",
  owner: "Nobody owns the NHI itself, so the finding goes to the identity owner of a workflow it serves (first by name); none when it serves no live workflow.",
  controls: ["owner-accountability", "one-click-revoke"],
  query: () => sql`
    select n.id as target_id,
      (select w.identity_owner_id from workflow_nhis b
         join workflows w on w.id = b.workflow_id and w.status <> 'retired'
         join users u on u.id = w.identity_owner_id and u.active
       where b.nhi_id = n.id order by w.name, w.id limit 1) as owner_id,
      jsonb_build_object('name', n.name, 'nhiId', n.id, 'formerOwnerId', n.owner_id,
        'reason', case when n.owner_id is null then 'no owner' else 'owner deactivated' end) as details
    from nhis n ${nhiOwnerJoin}
    where n.status <> 'decommissioned' and (n.owner_id is null or not o.active)`,
};
