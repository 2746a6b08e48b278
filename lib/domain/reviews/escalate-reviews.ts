import { asc, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { users, workflowEscalationSteps } from "@/db/schema";
import { type Role, permissionsFor } from "@/lib/auth/permissions";
import type { AuditInput } from "@/lib/domain/audit/record-audit-event";
import { type NewNotification, notify } from "@/lib/domain/notifications/notify";
import { DAY_MS } from "@/lib/domain/policy";
import { isEligibleReviewer } from "./reviewer-sql";

/**
 * A reviewer gets one full day past the due date (and the daily overdue
 * reminder) before the item leaves their hands: a review due on Friday that is
 * decided on Saturday morning is late, not abandoned.
 */
export const ESCALATE_AFTER_OVERDUE_DAYS = 1;

/**
 * Each escalation delegate then has three days (two daily reminders and a
 * weekend) to act before the item moves one step further up the path. Shorter
 * bounces items past people who never had a working day to look at them;
 * longer lets a 30-day cadence slip by a third of its length per step.
 */
export const ESCALATION_INTERVAL_DAYS = 3;

/** Bounds one run's transaction; what is left over escalates on the next hourly run. */
const ESCALATION_BATCH = 500;

export const ESCALATED = "review.escalated";
export const ESCALATION_EXHAUSTED = "review.escalation_exhausted";

type Candidate = {
  id: string;
  stage: "business_owner" | "identity_owner";
  reviewer_id: string;
  reviewer_name: string;
  escalation_level: number;
  due_at: string | Date;
  requested_by_id: string | null;
  identity_approved_by_id: string | null;
  workflow_id: string;
  workflow_name: string;
  business_owner_id: string | null;
  identity_owner_id: string | null;
  nhi_name: string;
  data_set_name: string;
};

type Step = { workflowId: string; position: number; userId: string; name: string; active: boolean; roles: Role[] };

export type EscalationOutcome = { escalated: number; exhausted: number; audits: AuditInput[] };

/**
 * The escalation half of the hourly reminder run. Level k of an item (k
 * escalations so far) falls due ESCALATE_AFTER_OVERDUE_DAYS +
 * k × ESCALATION_INTERVAL_DAYS after its due date, so the schedule needs no
 * extra state and a repeated run at the same moment changes nothing.
 *
 * Business-stage items move to the next escalation-path step after the
 * current reviewer's own place on the path (the sweep may already have
 * assigned the first delegate when the owner was ineligible), skipping
 * deactivated users, users who may not decide reviews, and anyone who
 * requested or approved the access on the identity side (separation of
 * duties). The previous reviewer stays on the row (delegatedFromId) and in the
 * audit event. When no step is left, and always for identity-stage items (the
 * path holds the business owner's delegates, who may not take the technical
 * side), the workflow's identity owner is told once; the item stays where it
 * is for a person to reassign. That notice is audited, and the audit event is
 * what makes it "once".
 *
 * Returns the audit inputs rather than writing them, so the caller writes every
 * audit event last in the transaction.
 */
export async function escalateOverdueReviews(tx: Transaction, now: Date): Promise<EscalationOutcome> {
  const candidates = await tx.execute<Candidate>(sql`
    select ri.id, ri.stage, ri.reviewer_id, ru.name as reviewer_name, ri.escalation_level, ri.due_at,
      e.requested_by_id, e.identity_approved_by_id,
      w.id as workflow_id, w.name as workflow_name, w.business_owner_id, w.identity_owner_id,
      n.name as nhi_name, d.name as data_set_name
    from review_items ri
    join users ru on ru.id = ri.reviewer_id
    join entitlements e on e.id = ri.entitlement_id
    join workflows w on w.id = e.workflow_id
    join nhis n on n.id = e.nhi_id
    join data_sets d on d.id = e.data_set_id
    where ri.status = 'pending'
      and e.status = 'active'
      and ri.due_at <= ${now.toISOString()}::timestamptz
        - (${ESCALATE_AFTER_OVERDUE_DAYS}::int + ri.escalation_level * ${ESCALATION_INTERVAL_DAYS}::int) * interval '1 day'
      and (ri.campaign_id is null
        or exists (select 1 from review_campaigns c where c.id = ri.campaign_id and c.status = 'active'))
      and not exists (select 1 from audit_events a
        where a.target_type = 'review_item' and a.target_id = ri.id::text and a.action = ${ESCALATION_EXHAUSTED})
    order by ri.due_at, ri.id
    limit ${ESCALATION_BATCH}
    for update of ri skip locked`);
  if (candidates.length === 0) return { escalated: 0, exhausted: 0, audits: [] };

  const paths = await loadPaths(tx, [...new Set(candidates.map((c) => c.workflow_id))]);
  const moves: { item: Candidate; to: Step }[] = [];
  const stuck: Candidate[] = [];
  for (const item of candidates) {
    const to = item.stage === "business_owner" ? nextStep(item, paths.get(item.workflow_id) ?? []) : undefined;
    if (to) moves.push({ item, to });
    else stuck.push(item);
  }

  if (moves.length) {
    const rows = moves.map(({ item, to }) => ({
      id: item.id,
      from_id: item.reviewer_id,
      to_id: to.userId,
      reason: `Escalated: overdue by ${overdueText(item, now)} (escalation path step ${to.position + 1})`,
    }));
    await tx.execute(sql`
      update review_items ri
      set reviewer_id = v.to_id, escalation_level = ri.escalation_level + 1,
        delegated_from_id = v.from_id, delegation_reason = v.reason, last_reminded_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, from_id uuid, to_id uuid, reason text)
      where ri.id = v.id and ri.reviewer_id = v.from_id and ri.status = 'pending'`);
  }

  await notify(tx, [
    ...moves.flatMap(({ item, to }): NewNotification[] => [
      {
        userId: to.userId,
        kind: "review.escalated_to_you",
        title: `Overdue review escalated to you: ${item.nhi_name} on ${item.data_set_name}`,
        body: `For ${item.workflow_name}. ${item.reviewer_name} has not decided it; it is overdue by ${overdueText(item, now)}.`,
        link: `/reviews?focus=${item.id}`,
      },
      // The business owner answers for the workflow, so they hear where its overdue reviews went.
      ...(item.business_owner_id && item.business_owner_id !== to.userId
        ? [
            {
              userId: item.business_owner_id,
              kind: ESCALATED,
              title: `Overdue review for ${item.workflow_name} escalated to ${to.name}`,
              body: `${item.nhi_name} on ${item.data_set_name}: overdue by ${overdueText(item, now)}, previously assigned to ${item.reviewer_name}.`,
              link: `/reviews?focus=${item.id}`,
            },
          ]
        : []),
    ]),
    ...stuck.map((item) => ({
      userId: item.identity_owner_id,
      kind: ESCALATION_EXHAUSTED,
      title: `Overdue review for ${item.workflow_name} has no one left to escalate to`,
      body: `${item.nhi_name} on ${item.data_set_name} is overdue by ${overdueText(item, now)} and still assigned to ${item.reviewer_name}. Reassign or decide it.`,
      link: `/reviews?focus=${item.id}`,
    })),
  ]);

  const audits: AuditInput[] = [
    ...moves.map(({ item, to }) => ({
      action: ESCALATED,
      targetType: "review_item",
      targetId: item.id,
      reason: `Overdue by ${overdueText(item, now)}`,
      before: { reviewerId: item.reviewer_id, escalationLevel: item.escalation_level },
      after: {
        reviewerId: to.userId,
        escalationLevel: item.escalation_level + 1,
        delegatedFromId: item.reviewer_id,
        escalationPathPosition: to.position,
        notified: [to.userId, item.business_owner_id].filter(Boolean),
        at: now.toISOString(),
      },
    })),
    ...stuck.map((item) => ({
      action: ESCALATION_EXHAUSTED,
      targetType: "review_item",
      targetId: item.id,
      reason: item.stage === "business_owner" ? "No eligible escalation step left" : "Identity-stage review: no escalation path applies",
      after: {
        reviewerId: item.reviewer_id,
        escalationLevel: item.escalation_level,
        notified: item.identity_owner_id,
        at: now.toISOString(),
      },
    })),
  ];
  return { escalated: moves.length, exhausted: stuck.length, audits };
}

async function loadPaths(tx: Transaction, workflowIds: string[]): Promise<Map<string, Step[]>> {
  const rows = await tx
    .select({
      workflowId: workflowEscalationSteps.workflowId,
      position: workflowEscalationSteps.position,
      userId: workflowEscalationSteps.userId,
      name: users.name,
      active: users.active,
      roles: users.roles,
    })
    .from(workflowEscalationSteps)
    .innerJoin(users, sql`${users.id} = ${workflowEscalationSteps.userId}`)
    .where(inArray(workflowEscalationSteps.workflowId, workflowIds))
    .orderBy(asc(workflowEscalationSteps.workflowId), asc(workflowEscalationSteps.position));
  const paths = new Map<string, Step[]>();
  for (const row of rows) paths.set(row.workflowId, [...(paths.get(row.workflowId) ?? []), row]);
  return paths;
}

/**
 * The first step past the current reviewer's last place on the path (before
 * the path when they are not on it) who may take the item. Measuring from the
 * reviewer's place, not from a counter, means skipped steps are never revisited
 * and a delegate who appears twice cannot bounce the item back down.
 */
function nextStep(item: Candidate, path: Step[]): Step | undefined {
  const here = Math.max(-1, ...path.filter((s) => s.userId === item.reviewer_id).map((s) => s.position));
  const entitlement = { requestedById: item.requested_by_id, identityApprovedById: item.identity_approved_by_id };
  return path.find(
    (s) =>
      s.position > here &&
      s.userId !== item.reviewer_id &&
      s.active &&
      permissionsFor(s.roles, null).has("reviews.decide") &&
      isEligibleReviewer(s.userId, entitlement),
  );
}

function overdueText(item: Candidate, now: Date): string {
  const days = Math.floor((now.getTime() - new Date(item.due_at).getTime()) / DAY_MS);
  return days < 1 ? "less than a day" : `${days} day${days === 1 ? "" : "s"}`;
}
