import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { workflowOwner, workflowOwnerJoins } from "./sql-helpers";

export const autonomousWithoutGuardrails: Rule = {
  id: "autonomous-on-utility-or-standing-write",
  title: "Autonomous workflow on a utility NHI or with standing write access",
  severity: "high",
  targetType: "workflow",
  frameworks: ["OWASP-ASI:ASI03", "NIST-AI-RMF:GOVERN-3.2"],
  description: "An active autonomous workflow runs as an identity still classified utility, or holds write, delete or admin access that is not just-in-time.",
  remediation: "Reclassify its identities as privileged and make write/delete/admin entitlements just-in-time (re-request them with JIT), or lower the workflow's autonomy.",
  owner: "The workflow's identity owner, who sets classification and JIT; its business owner when the identity owner is gone.",
  controls: ["autonomy-posture", "jit-credentials", "dual-control"],
  query: () => sql`
    select w.id as target_id,
      ${workflowOwner("identity")} as owner_id,
      jsonb_strip_nulls(jsonb_build_object('name', w.name, 'workflowId', w.id,
        'utilityNhis', u.names, 'standingWriteEntitlements', nullif(s.entitlements, 0))) as details
    from workflows w
    cross join lateral (
      select array_agg(n.name order by n.name) as names
      from workflow_nhis b join nhis n on n.id = b.nhi_id
      where b.workflow_id = w.id and n.status = 'active' and n.classification = 'utility') u
    cross join lateral (
      select count(*)::int as entitlements from entitlements e
      where e.workflow_id = w.id and e.status = 'active' and not e.jit
        and e.actions && '{write,delete,admin}'::data_action[]) s
    ${workflowOwnerJoins}
    where w.autonomy = 'autonomous' and w.status = 'active' and (u.names is not null or s.entitlements > 0)`,
};
