import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { at, entitlementRef, workflowOwner, workflowOwnerJoins } from "./sql-helpers";

export const reviewOverdue: Rule = {
  id: "review-overdue",
  title: "Access review overdue",
  severity: "medium",
  targetType: "entitlement",
  frameworks: ["NIST-AI-RMF:GOVERN-1.5", "OWASP-NHI:NHI5"],
  description: "An active entitlement's next review date has passed without a certify or revoke decision.",
  remediation: "Review it from the Reviews queue: certify to move the next review by the cadence, or revoke.",
  owner: "The workflow's business owner, who reviews first; its identity owner when the business owner is gone.",
  controls: ["review-cadence", "review-campaigns"],
  query: (now) => sql`
    select e.id as target_id,
      ${workflowOwner("business")} as owner_id,
      jsonb_build_object(${entitlementRef}, 'nextReviewAt', e.next_review_at) as details
    from entitlements e
    join nhis n on n.id = e.nhi_id
    join workflows w on w.id = e.workflow_id
    join data_sets d on d.id = e.data_set_id
    ${workflowOwnerJoins}
    where e.status = 'active' and e.next_review_at < ${at(now)}`,
};
