import { type SQL, sql } from "drizzle-orm";
import type { REVIEW_STAGES } from "@/db/schema/enums";

export type ReviewStage = (typeof REVIEW_STAGES)[number];

/**
 * The accountable reviewer of one entitlement at one stage, as a SQL
 * expression over the aliases `e` (entitlements) and `w` (workflows), so a
 * campaign launch over a million entitlements assigns reviewers in one
 * statement and the cadence sweep uses exactly the same rule.
 *
 * Separation of duties: nobody reviews access they requested or approved as
 * the identity side. The business stage goes to the workflow's business owner,
 * else down the escalation path; the identity stage to the workflow's identity
 * owner, else the longest-standing other identity owner. Deactivated users
 * never receive items. Null means nobody eligible: the item stays unassigned
 * and visible to campaign owners, who reassign it.
 */
export function reviewerSql(stage: ReviewStage): SQL<string | null> {
  const eligible = (candidate: SQL) => sql`(
    ${candidate} is distinct from e.requested_by_id
    and ${candidate} is distinct from e.identity_approved_by_id
    and exists (select 1 from users ru where ru.id = ${candidate} and ru.active))`;

  if (stage === "business_owner") {
    return sql<string | null>`coalesce(
      case when ${eligible(sql`w.business_owner_id`)} then w.business_owner_id end,
      (select s.user_id from workflow_escalation_steps s
        where s.workflow_id = w.id and ${eligible(sql`s.user_id`)}
        order by s.position limit 1))`;
  }
  return sql<string | null>`coalesce(
    case when ${eligible(sql`w.identity_owner_id`)} then w.identity_owner_id end,
    (select u.id from users u
      where 'identity_owner' = any(u.roles) and ${eligible(sql`u.id`)}
      order by u.created_at, u.id limit 1))`;
}

/** The same rule for one user id already in hand (delegation, reassignment): may they review this entitlement? */
export function isEligibleReviewer(
  userId: string,
  entitlement: { requestedById: string | null; identityApprovedById: string | null },
): boolean {
  return userId !== entitlement.requestedById && userId !== entitlement.identityApprovedById;
}
