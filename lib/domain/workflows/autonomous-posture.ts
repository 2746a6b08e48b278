import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { AUTONOMOUS_CADENCE_DAYS, JIT_TTL_CAP_SECONDS, LONG_LIVED_CREDENTIAL_DAYS } from "@/lib/domain/policy";

export type AutonomousPostureImpact = {
  reclassifiedNhis: { id: string; name: string }[];
  jitTtlCapSeconds: number;
  cappedJitEntitlements: number;
  cadenceDays: number;
  rescheduledReviews: number;
  flaggedCredentials: { id: string; name: string; nhiName: string }[];
};

/**
 * DESIGN.md invariant 5: an autonomous workflow runs only on privileged
 * identities, with JIT lifetimes capped, monthly reviews, and its long-lived
 * credentials flagged. Set-based statements over everything serving it.
 */
export async function applyAutonomousPosture(tx: Transaction, workflowId: string): Promise<AutonomousPostureImpact> {
  const cap = JIT_TTL_CAP_SECONDS.privileged;
  const serving = sql`(select nhi_id from workflow_nhis where workflow_id = ${workflowId}
      union select nhi_id from entitlements where workflow_id = ${workflowId} and status in ('pending', 'active'))`;

  const reclassified = await tx.execute<{ id: string; name: string }>(sql`
    update nhis set classification = 'privileged', updated_at = now()
    where id in ${serving} and classification = 'utility'
    returning id, name`);

  await tx.execute(sql`
    update workflows
    set max_jit_ttl_seconds = least(coalesce(max_jit_ttl_seconds, ${cap}), ${cap}),
        review_cadence_days = least(coalesce(review_cadence_days, ${AUTONOMOUS_CADENCE_DAYS}), ${AUTONOMOUS_CADENCE_DAYS}),
        updated_at = now()
    where id = ${workflowId}`);

  const capped = await tx.execute(sql`
    update entitlements set max_ttl_seconds = ${cap}, updated_at = now()
    where workflow_id = ${workflowId} and status in ('pending', 'active') and jit
      and (max_ttl_seconds is null or max_ttl_seconds > ${cap})
    returning id`);

  const rescheduled = await tx.execute(sql`
    update entitlements
    set cadence_days = least(coalesce(cadence_days, ${AUTONOMOUS_CADENCE_DAYS}), ${AUTONOMOUS_CADENCE_DAYS}),
        next_review_at = least(coalesce(next_review_at, now() + make_interval(days => ${AUTONOMOUS_CADENCE_DAYS})),
                               now() + make_interval(days => ${AUTONOMOUS_CADENCE_DAYS})),
        updated_at = now()
    where workflow_id = ${workflowId} and status = 'active'
      and (cadence_days is null or cadence_days > ${AUTONOMOUS_CADENCE_DAYS}
           or next_review_at is null or next_review_at > now() + make_interval(days => ${AUTONOMOUS_CADENCE_DAYS}))
    returning id`);

  const flagged = await tx.execute<{ id: string; name: string; nhi_name: string }>(sql`
    update credentials c
    set flagged_at = now(), flag_reason = 'Long-lived credential on an autonomous workflow: rotate to a short-lived or JIT credential',
        updated_at = now()
    from nhis n
    where n.id = c.nhi_id and c.nhi_id in ${serving} and c.status = 'active' and c.kind <> 'jit_token' and c.flagged_at is null
      and (c.expires_at is null or c.expires_at - c.issued_at > make_interval(days => ${LONG_LIVED_CREDENTIAL_DAYS}))
    returning c.id, c.name, n.name as nhi_name`);

  return {
    reclassifiedNhis: reclassified.map((r) => ({ id: r.id, name: r.name })),
    jitTtlCapSeconds: cap,
    cappedJitEntitlements: capped.length,
    cadenceDays: AUTONOMOUS_CADENCE_DAYS,
    rescheduledReviews: rescheduled.length,
    flaggedCredentials: flagged.map((r) => ({ id: r.id, name: r.name, nhiName: r.nhi_name })),
  };
}
