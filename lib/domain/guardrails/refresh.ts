import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { CompiledSet } from "./compiled-set";
import { STANDARD_FACT_COLUMNS, coveredActionsSql, factsKeySql, guardrailInput, parseFactsKey, verdictEntries } from "./facts";
import { loadActiveVersions, lockGuardrails, splitByKind } from "./store";

export type RefreshResult = {
  /** Distinct fact combinations evaluated (one wasm call per combination and action). */
  evaluated: number;
  /** Entitlements whose stored verdict (or the facts behind it) changed. */
  changed: number;
  /** Verdicts dropped from entitlements that are no longer pending or active. */
  cleared: number;
};

type DistinctFacts = { facts: string; nhi_id: string; data_set_id: string };

/** Every pending or active entitlement with its current facts (pending ones too, so approval finds a verdict waiting). */
const LIVE_ENTITLEMENTS = sql.raw(`
  select e.id, e.nhi_id, e.data_set_id, ${factsKeySql(STANDARD_FACT_COLUMNS)} as facts
  from entitlements e
  join nhis n on n.id = e.nhi_id
  join data_sets d on d.id = e.data_set_id
  join workflows w on w.id = e.workflow_id
  cross join lateral (select ${coveredActionsSql("e.workflow_id", "e.data_set_id")} as covered offset 0) cov
  where e.status in ('pending', 'active')`);

/**
 * Recomputes the stored context-free verdicts, set-based: one wasm call per
 * distinct combination of facts (and action), not per entitlement — a million
 * grants share a few hundred combinations — then one UPDATE that writes only
 * the rows whose verdict or facts changed. Runs inside the caller's
 * transaction, so a policy activation and the verdicts it implies commit
 * together; the guardrail lock keeps two refreshes (or a refresh and an
 * activation) from interleaving.
 *
 * Verdicts of rows that left the live set are dropped FIRST, in their own
 * statement: a revoked grant restored concurrently is then either still seen
 * as revoked (and keeps no verdict) or already active (and is recomputed), so
 * it can never return carrying a verdict of an older policy set.
 */
export async function refreshGuardrailVerdicts(tx: Transaction): Promise<RefreshResult> {
  await lockGuardrails(tx);
  const cleared = await tx.execute<{ id: string }>(sql`
    update entitlements set guardrail_facts = null, guardrail_forbidden_by = null, guardrail_verdict_at = now()
    where status not in ('pending', 'active') and guardrail_facts is not null
    returning id`);

  const set = new CompiledSet("refresh:context-free", splitByKind(await loadActiveVersions(tx)).contextFree);
  // A policy naming one NHI or data set makes verdicts differ between entitlements with equal attributes.
  const byEntity = set.entitySpecific;
  const combos = await tx.execute<DistinctFacts>(sql`
    select distinct on (facts${sql.raw(byEntity ? ", nhi_id, data_set_id" : "")}) * from (${LIVE_ENTITLEMENTS}) live`);

  const verdicts = combos.map((row) => {
    const facts = parseFactsKey(row.facts, { nhiId: row.nhi_id, dataSetId: row.data_set_id });
    // Request context is not read by these policies (that is what makes them context-free); any value will do.
    const forbidden = facts.actions.flatMap((action) => verdictEntries(action, set.evaluate(guardrailInput(facts, action, { hour: 0, jitTokenPresented: false }))));
    return { facts: row.facts, nhi_id: row.nhi_id, data_set_id: row.data_set_id, forbidden };
  });

  const changed = await tx.execute<{ id: string }>(sql`
    with verdicts as (
      select v.facts, v.nhi_id, v.data_set_id, array(select jsonb_array_elements_text(v.forbidden)) as forbidden
      from jsonb_to_recordset(${JSON.stringify(verdicts)}::jsonb) as v(facts text, nhi_id uuid, data_set_id uuid, forbidden jsonb)
    ), live as (${LIVE_ENTITLEMENTS}), next as (
      select live.id, live.facts, v.forbidden from live
      join verdicts v on v.facts = live.facts ${sql.raw(byEntity ? "and v.nhi_id = live.nhi_id and v.data_set_id = live.data_set_id" : "")}
    )
    update entitlements e
    set guardrail_facts = next.facts, guardrail_forbidden_by = next.forbidden, guardrail_verdict_at = now()
    from next
    where e.id = next.id and (e.guardrail_facts is distinct from next.facts or e.guardrail_forbidden_by is distinct from next.forbidden)
    returning e.id`);

  return { evaluated: combos.length, changed: changed.length, cleared: cleared.length };
}
