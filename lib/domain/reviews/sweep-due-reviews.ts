import { sql } from "drizzle-orm";
import { type Transaction, db } from "@/db";
import { systemActor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { DAY_MS } from "@/lib/domain/policy";
import { reviewerSql } from "./reviewer-sql";

/** Reviews arrive this long before an entitlement's review date. */
export const REVIEW_LEAD_DAYS = 14;

export const CLOSED_NOT_ACTIVE = "Entitlement is no longer active: nothing to decide";

/**
 * The cadence queue's heartbeat (hourly). Opens one cadence review item for
 * every active entitlement whose review date falls within the lead time (and
 * that no open campaign item already covers) and
 * closes open cadence items whose entitlement is gone. Both statements are
 * set-based, so the sweep costs the same two queries at 1M entitlements; the
 * partial unique index on open cadence items makes a concurrent or repeated
 * sweep a no-op rather than a duplicate.
 */
export async function sweepDueReviews(now: Date = new Date()) {
  return db.transaction((tx) => sweepDueReviewsIn(tx, now));
}

/** The sweep inside a caller's transaction (the demo seed queues its first reviews with the data). */
export async function sweepDueReviewsIn(tx: Transaction, now: Date) {
  const horizon = new Date(now.getTime() + REVIEW_LEAD_DAYS * DAY_MS).toISOString();
  const created = await tx.execute<{ id: string }>(sql`
    insert into review_items (entitlement_id, stage, reviewer_id, status, due_at, snapshot)
    select e.id, 'business_owner', ${reviewerSql("business_owner")}, 'pending', e.next_review_at,
      jsonb_build_object(
        'source', 'cadence',
        'capturedAt', ${now.toISOString()}::timestamptz,
        'workflow', jsonb_build_object('id', w.id, 'name', w.name, 'autonomy', w.autonomy, 'status', w.status),
        'identity', jsonb_build_object('id', n.id, 'name', n.name, 'provider', n.provider, 'externalId', n.external_id,
                                       'classification', n.classification, 'lastUsedAt', n.last_used_at),
        'dataSet', jsonb_build_object('id', d.id, 'name', d.name, 'sensitivity', d.sensitivity, 'environment', d.environment),
        'actions', to_jsonb(e.actions),
        'jit', e.jit,
        'requestedById', e.requested_by_id,
        'businessApprovedById', e.business_approved_by_id, 'businessApprovedAt', e.business_approved_at,
        'identityApprovedById', e.identity_approved_by_id, 'identityApprovedAt', e.identity_approved_at,
        'cadenceDays', e.cadence_days, 'lastReviewedAt', e.last_reviewed_at, 'nextReviewAt', e.next_review_at)
    from entitlements e
    join workflows w on w.id = e.workflow_id
    join nhis n on n.id = e.nhi_id
    join data_sets d on d.id = e.data_set_id
    where e.status = 'active'
      and e.next_review_at <= ${horizon}::timestamptz
      -- An open campaign item already puts the grant in front of a reviewer; its decision moves the date.
      and not exists (select 1 from review_items o where o.entitlement_id = e.id and o.status = 'pending')
    on conflict (entitlement_id) where campaign_id is null and status = 'pending' do nothing
    returning id`);

  // Revoked, expired (or otherwise ended) access has nothing left to certify.
  const closed = await tx.execute<{ id: string }>(sql`
    update review_items ri set status = 'closed', closed_reason = ${CLOSED_NOT_ACTIVE}
    from entitlements e
    where e.id = ri.entitlement_id and ri.campaign_id is null and ri.status = 'pending' and e.status <> 'active'
    returning ri.id`);

  const result = { created: created.length, closed: closed.length };
  if (result.created || result.closed) {
    await recordAuditEvent(tx, systemActor("reviews.sweep"), {
      action: "reviews.swept",
      targetType: "review_queue",
      after: { ...result, horizon, ranAt: now.toISOString() },
    });
  }
  return result;
}
