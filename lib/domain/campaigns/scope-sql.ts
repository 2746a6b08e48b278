import { type SQL, sql } from "drizzle-orm";
import type { CampaignScope } from "@/lib/validation/campaigns";

/**
 * The campaign's population as a WHERE clause over the aliases `e`
 * (entitlements), `w` (workflows), `n` (nhis) and `d` (data_sets): every
 * entitlement that is active and not past its expiry at launch, narrowed by
 * each non-empty filter.
 */
export function scopeSql(scope: Partial<CampaignScope>, now: Date): SQL {
  const clauses: SQL[] = [sql`e.status = 'active'`, sql`(e.expires_at is null or e.expires_at > ${now.toISOString()}::timestamptz)`];
  const anyOf = (column: SQL, values: readonly string[] | undefined) => {
    if (values && values.length) clauses.push(sql`${column}::text in (${sql.join(values.map((v) => sql`${v}`), sql`, `)})`);
  };
  anyOf(sql`w.autonomy`, scope.autonomy);
  anyOf(sql`n.classification`, scope.classification);
  anyOf(sql`n.provider`, scope.provider);
  anyOf(sql`d.sensitivity`, scope.sensitivity);
  anyOf(sql`d.environment`, scope.environment);
  if (scope.ownerId) {
    clauses.push(sql`(w.business_owner_id = ${scope.ownerId} or w.identity_owner_id = ${scope.ownerId} or n.owner_id = ${scope.ownerId})`);
  }
  return sql.join(clauses, sql` and `);
}

/**
 * The facts a reviewer attests to, frozen at launch as one jsonb per item
 * (flat keys so the evidence CSV maps one key to one column). Later edits to
 * the workflow, NHI, data set or grant never reach it.
 */
export const SNAPSHOT_SQL = sql`jsonb_build_object(
  'entitlementId', e.id,
  'workflowId', w.id, 'workflowName', w.name, 'autonomy', w.autonomy, 'workflowStatus', w.status, 'vendor', w.vendor,
  'businessOwnerId', w.business_owner_id, 'businessOwner', bo.email,
  'identityOwnerId', w.identity_owner_id, 'identityOwner', io.email,
  'nhiId', n.id, 'nhiName', n.name, 'nhiKind', n.kind, 'provider', n.provider, 'externalId', n.external_id,
  'classification', n.classification, 'nhiEnvironment', n.environment, 'nhiOwnerId', n.owner_id, 'lastUsedAt', n.last_used_at,
  'dataSetId', d.id, 'dataSetName', d.name, 'system', d.system, 'sensitivity', d.sensitivity, 'environment', d.environment,
  'actions', to_jsonb(e.actions), 'jit', e.jit, 'maxTtlSeconds', e.max_ttl_seconds, 'expiresAt', e.expires_at,
  'justification', e.justification,
  'requestedById', e.requested_by_id, 'requestedBy', rq.email,
  'businessApprovedById', e.business_approved_by_id, 'businessApprovedBy', ba.email, 'businessApprovedAt', e.business_approved_at,
  'identityApprovedById', e.identity_approved_by_id, 'identityApprovedBy', ia.email, 'identityApprovedAt', e.identity_approved_at,
  'grantedAt', e.created_at, 'lastReviewedAt', e.last_reviewed_at, 'nextReviewAt', e.next_review_at, 'cadenceDays', e.cadence_days)`;

/** The joins SNAPSHOT_SQL and scopeSql read from (people by email so the evidence names them). */
export const POPULATION_FROM = sql`entitlements e
  join workflows w on w.id = e.workflow_id
  join nhis n on n.id = e.nhi_id
  join data_sets d on d.id = e.data_set_id
  left join users bo on bo.id = w.business_owner_id
  left join users io on io.id = w.identity_owner_id
  left join users rq on rq.id = e.requested_by_id
  left join users ba on ba.id = e.business_approved_by_id
  left join users ia on ia.id = e.identity_approved_by_id`;
