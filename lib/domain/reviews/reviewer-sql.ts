import { type SQL, sql } from "drizzle-orm";
import type { REVIEW_STAGES } from "@/db/schema/enums";
import { ROLE_PERMISSIONS, type Role } from "@/lib/auth/permissions";

export type ReviewStage = (typeof REVIEW_STAGES)[number];

/** Roles that carry `reviews.decide`: read from the permission matrix so the SQL never drifts from it. */
const DECIDING_ROLES = (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes("reviews.decide"));

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
 * never receive items, nor do users whose roles cannot decide reviews (an
 * auditor on an escalation path). Null means nobody eligible: the item stays unassigned
 * and visible to campaign owners, who reassign it.
 */
export function reviewerSql(stage: ReviewStage): SQL<string | null> {
  const eligible = (candidate: SQL) => sql`(
    ${candidate} is distinct from e.requested_by_id
    and ${candidate} is distinct from e.identity_approved_by_id
    and exists (select 1 from users ru where ru.id = ${candidate} and ru.active
      and ru.roles && ${sql.raw(`array[${DECIDING_ROLES.map((r) => `'${r}'`).join(",")}]::role[]`)}))`;

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

/** Whether a user's roles let them decide reviews (the same matrix the SQL reads). */
export function mayDecideReviews(roles: readonly Role[]): boolean {
  return roles.some((r) => DECIDING_ROLES.includes(r));
}

/** The same rule for one user id already in hand (delegation, reassignment): may they review this entitlement? */
export function isEligibleReviewer(
  userId: string,
  entitlement: { requestedById: string | null; identityApprovedById: string | null },
): boolean {
  return userId !== entitlement.requestedById && userId !== entitlement.identityApprovedById;
}
