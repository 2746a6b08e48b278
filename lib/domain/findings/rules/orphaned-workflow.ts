import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { workflowOwner, workflowOwnerJoins } from "./sql-helpers";

const side = (alias: string) =>
  sql.raw(`case when ${alias}.id is null then 'missing' when not ${alias}.active then 'deactivated' end`);

export const orphanedWorkflow: Rule = {
  id: "orphaned-workflow",
  title: "Workflow without an active owner on one side",
  severity: "high",
  targetType: "workflow",
  frameworks: ["OWASP-NHI:NHI1", "NIST-AI-RMF:GOVERN-2.1"],
  description: "A workflow that is not retired lacks its business owner or its identity owner, or one of them has been deactivated.",
  remediation: "Transfer ownership of the missing side to a current person on the workflow's page, or retire the workflow.",
  owner: "The owner of the other side, while they are active; none when both sides are gone.",
  controls: ["owner-accountability", "offboarding-on-retire"],
  query: () => sql`
    select w.id as target_id,
      ${workflowOwner("business")} as owner_id,
      jsonb_strip_nulls(jsonb_build_object('name', w.name, 'workflowId', w.id,
        'businessOwner', ${side("bo")}, 'identityOwner', ${side("io")})) as details
    from workflows w
    ${workflowOwnerJoins}
    where w.status <> 'retired' and (bo.id is null or not bo.active or io.id is null or not io.active)`,
};
