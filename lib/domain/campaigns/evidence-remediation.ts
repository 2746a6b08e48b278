import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";

export type Remediation = {
  revocationId: string;
  revokedAt: string;
  restoredAt: string | null;
  auditEventId: string | null;
  auditEventSeq: number | null;
  auditEventHash: string | null;
  hookEventId: string | null;
  deliveries: { total: number; succeeded: number; failed: number; pending: number };
  /** no_hooks: nobody subscribed; delivered: every receiver confirmed; pending / failed otherwise. */
  deliveryStatus: "no_hooks" | "delivered" | "pending" | "failed" | "missing";
};

/**
 * Proof that each revoked grant of the campaign was really pulled: the
 * latest revocation since launch that touched it, the hash-chained audit
 * event announcing that revocation, and the hook outbox's delivery state.
 * Set-based: revocations since launch are expanded once and hash-joined with
 * the campaign's revoked grants, so cost grows with the revokes, not with
 * revokes × revocations.
 */
export async function loadRemediation(tx: Transaction, campaignId: string, launchedAt: Date, includeNonResponse: boolean): Promise<Map<string, Remediation>> {
  const rows = await tx.execute<{
    entitlement_id: string;
    revocation_id: string;
    revoked_at: string;
    restored_at: string | null;
    audit_event_id: string | null;
    audit_seq: number | null;
    audit_hash: string | null;
    hook_event_id: string | null;
    total: number;
    succeeded: number;
    failed: number;
    pending: number;
  }>(sql`
    with targets as (
      select distinct entitlement_id from review_items
      where campaign_id = ${campaignId}
        and (decision = 'revoke' or (${includeNonResponse} and decision = 'non_response'))
    ), touched as (
      select distinct on (t.entitlement_id) t.entitlement_id, r.id as revocation_id, r.created_at, r.restored_at
      from revocations r
      cross join lateral jsonb_array_elements(r.prior_state->'entitlements') pe
      join targets t on t.entitlement_id = (pe->>'id')::uuid
      where r.created_at >= ${launchedAt.toISOString()}::timestamptz
      order by t.entitlement_id, r.created_at desc
    ), audits as (
      select distinct on (a.after->>'revocationId') a.after->>'revocationId' as revocation_id, a.id, a.seq, a.hash
      from audit_events a
      where a.occurred_at >= ${launchedAt.toISOString()}::timestamptz
        and a.after->>'revocationId' in (select revocation_id::text from touched)
      order by a.after->>'revocationId', a.seq
    )
    select t.entitlement_id, t.revocation_id,
           to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as revoked_at,
           to_char(t.restored_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as restored_at,
           a.id as audit_event_id, a.seq::int as audit_seq, a.hash as audit_hash, he.id as hook_event_id,
           coalesce(d.total, 0)::int as total, coalesce(d.succeeded, 0)::int as succeeded,
           coalesce(d.failed, 0)::int as failed, coalesce(d.pending, 0)::int as pending
    from touched t
    left join audits a on a.revocation_id = t.revocation_id::text
    left join lateral (select id from hook_events h where h.revocation_id = t.revocation_id order by h.created_at limit 1) he on true
    left join lateral (
      select count(*) as total, count(*) filter (where status = 'succeeded') as succeeded,
             count(*) filter (where status = 'failed') as failed, count(*) filter (where status = 'pending') as pending
      from hook_deliveries hd where hd.event_id = he.id) d on true`);
  return new Map(
    rows.map((r) => [
      r.entitlement_id,
      {
        revocationId: r.revocation_id,
        revokedAt: r.revoked_at,
        restoredAt: r.restored_at,
        auditEventId: r.audit_event_id,
        auditEventSeq: r.audit_seq,
        auditEventHash: r.audit_hash,
        hookEventId: r.hook_event_id,
        deliveries: { total: r.total, succeeded: r.succeeded, failed: r.failed, pending: r.pending },
        deliveryStatus: !r.hook_event_id ? "missing" : r.total === 0 ? "no_hooks" : r.failed > 0 ? "failed" : r.pending > 0 ? "pending" : "delivered",
      },
    ]),
  );
}
