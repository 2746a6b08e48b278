import type postgres from "postgres";

/**
 * A realistic inventory for the authorization benchmarks, generated set-based
 * in PostgreSQL (generate_series, no row-by-row round trips):
 *
 *   200 owners · 2,000 data sets · 5,000 workflows (94 % active, 3 % suspended, 2 % retired, 1 % draft),
 *   each approving 12 data sets · NHIS identities (96 % active, 3 % suspended, 1 % decommissioned),
 *   20 per workflow · PER_NHI entitlements per identity on its workflow's approved data sets:
 *   85 % active (2 % of those past their expiry, not yet swept), 5 % revoked, 4 % expired, 3 % pending,
 *   3 % denied; 10 % just-in-time; actions {read} / {read,write} / {read,write,delete}.
 *
 * Everything is consistent by construction (invariant 1: entitlements lie within the workflow's approved
 * data sets; one open grant per workflow, NHI and data set), so foreign-key triggers are skipped while
 * loading (session_replication_role = replica) — the loading is not what is measured.
 */
export const SHAPE = { owners: 200, dataSets: 2_000, workflows: 5_000, approvedPerWorkflow: 12 };

export async function generateInventory(sql: postgres.Sql, nhis: number, perNhi: number): Promise<void> {
  const { owners, dataSets, workflows, approvedPerWorkflow } = SHAPE;
  if (perNhi > approvedPerWorkflow) throw new Error(`PER_NHI must be ≤ ${approvedPerWorkflow}`);
  await sql.unsafe("set session_replication_role = replica");
  for (const [table, count] of [["u_ids", owners], ["ds_ids", dataSets], ["wf_ids", workflows], ["nhi_ids", nhis]] as const) {
    await sql.unsafe(`create temp table ${table} as select g as n, gen_random_uuid() as id from generate_series(1, ${count}) g`);
    await sql.unsafe(`create unique index on ${table} (n)`);
  }
  await sql.unsafe(`
    insert into users (id, email, name, roles)
    select id, 'owner-' || n || '@bench.example', 'Owner ' || n,
           case when n % 2 = 0 then '{business_owner}'::role[] else '{identity_owner}'::role[] end
    from u_ids`);
  await sql.unsafe(`
    insert into data_sets (id, name, system, sensitivity, environment, owner_id)
    select d.id, 'dataset-' || d.n, 'system-' || (d.n % 40),
           (array['public','internal','confidential','restricted'])[1 + d.n % 4]::sensitivity,
           (array['prod','staging','dev'])[1 + d.n % 3]::environment, u.id
    from ds_ids d join u_ids u on u.n = 1 + d.n % ${owners}`);
  await sql.unsafe(`
    insert into workflows (id, name, purpose, business_owner_id, identity_owner_id, autonomy, vendor, status, activated_at, retired_at)
    select w.id, 'workflow-' || w.n, 'Benchmark workflow ' || w.n, b.id, i.id,
           (array['assistive','automated','autonomous'])[1 + w.n % 3]::autonomy,
           case when w.n % 10 = 0 then 'VendorCo' end,
           case when w.n % 100 < 94 then 'active' when w.n % 100 < 97 then 'suspended'
                when w.n % 100 < 99 then 'retired' else 'draft' end::workflow_status,
           now() - interval '90 days', case when w.n % 100 in (97, 98) then now() - interval '3 days' end
    from wf_ids w
    join u_ids b on b.n = 2 * (w.n % ${owners / 2}) + 2
    join u_ids i on i.n = 2 * (w.n % ${owners / 2}) + 1`);
  // Approved data set j of workflow w: (37 w + 151 j) mod D — distinct for j < 12 because 151 · 11 < D.
  await sql.unsafe(`
    insert into workflow_data_sets (workflow_id, data_set_id, actions, justification)
    select w.id, d.id, '{read,write,delete}'::data_action[], 'benchmark'
    from wf_ids w cross join generate_series(0, ${approvedPerWorkflow - 1}) j
    join ds_ids d on d.n = 1 + (37 * w.n + 151 * j) % ${dataSets}`);
  await sql.unsafe(`
    insert into nhis (id, name, kind, provider, external_id, environment, classification, owner_id, status)
    select n.id, 'workload-' || n.n,
           (array['service_account','api_key','oauth_client','agent','bot','workload'])[1 + n.n % 6]::nhi_kind,
           (array['aws','gcp','azure','kubernetes','github','okta','openai','snowflake','custom'])[1 + n.n % 9]::provider,
           'bench-' || n.n, (array['prod','staging','dev'])[1 + n.n % 3]::environment,
           case when n.n % 7 = 0 then 'privileged' else 'utility' end::classification, u.id,
           case when n.n % 100 < 96 then 'active' when n.n % 100 < 99 then 'suspended' else 'decommissioned' end::nhi_status
    from nhi_ids n join u_ids u on u.n = 1 + n.n % ${owners}`);
  await sql.unsafe(`
    insert into workflow_nhis (workflow_id, nhi_id)
    select w.id, n.id from nhi_ids n join wf_ids w on w.n = 1 + (n.n - 1) % ${workflows}`);
  await sql.unsafe(`
    insert into entitlements (workflow_id, nhi_id, data_set_id, actions, status, jit, max_ttl_seconds, expires_at, justification,
                              business_approved_by_id, business_approved_at, identity_approved_by_id, identity_approved_at,
                              cadence_days, next_review_at, revoked_at, revoke_reason)
    select w.id, n.id, d.id,
           (array['{read}','{read,write}','{read,write,delete}'])[1 + j % 3]::data_action[],
           s.status::entitlement_status, (n.n + j) % 10 = 0, case when (n.n + j) % 10 = 0 then 900 end,
           case when s.status = 'expired' or (s.status = 'active' and h % 50 = 7) then now() - interval '1 day'
                when h % 5 = 0 then now() + interval '180 days' end,
           'benchmark', wf.business_owner_id, now() - interval '60 days', wf.identity_owner_id, now() - interval '60 days',
           90, now() + interval '30 days',
           case when s.status = 'revoked' then now() - interval '10 days' end,
           case when s.status = 'revoked' then 'benchmark revoke' end
    from nhi_ids n
    cross join generate_series(0, ${perNhi - 1}) j
    cross join lateral (select (n.n * 7919 + j * 104729) % 100 as h) hh
    cross join lateral (select case when h < 85 then 'active' when h < 90 then 'revoked' when h < 94 then 'expired'
                                    when h < 97 then 'pending' else 'denied' end as status) s
    join wf_ids w on w.n = 1 + (n.n - 1) % ${workflows}
    join workflows wf on wf.id = w.id
    join ds_ids d on d.n = 1 + (37 * w.n + 151 * j) % ${dataSets}`);
  await sql.unsafe("set session_replication_role = origin");
  await sql.unsafe("vacuum analyze");
  await sql.unsafe("checkpoint");
}

export type Triple = { subject: string; dataSet: string; action: string };

/**
 * Questions a fleet of PEPs would ask: mostly existing (NHI, data set) pairs of
 * any status — so allow and every deny path occur — with an action the grant
 * has three times in four; a tenth name the NHI as provider:externalId, 3 %
 * ask about an unknown NHI.
 */
export async function sampleTriples(sql: postgres.Sql, count: number, seed = 42): Promise<Triple[]> {
  const rows = await sql<{ nhi_id: string; provider: string; external_id: string; data_set_id: string; actions: string[] }[]>`
    select e.nhi_id, n.provider::text, n.external_id, e.data_set_id, e.actions::text[] as actions
    from entitlements e tablesample bernoulli (${Math.min(100, (count * 150) / 1_000_000)}::real) repeatable (${seed}::real)
    join nhis n on n.id = e.nhi_id
    order by e.id -- random uuids: a shuffle that does not favour the start of the table
    limit ${count}`;
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  return rows.map((r) => {
    const roll = random();
    const subject = roll < 0.03 ? crypto.randomUUID() : roll < 0.13 ? `${r.provider}:${r.external_id}` : r.nhi_id;
    const action = random() < 0.75 ? pick(r.actions) : pick(["read", "write", "delete", "admin"]);
    return { subject, dataSet: r.data_set_id, action };
  });
}

export function evaluationBody(t: Triple): string {
  return JSON.stringify({ subject: { type: "nhi", id: t.subject }, action: { name: t.action }, resource: { type: "data_set", id: t.dataSet } });
}

/** A small seeded PRNG: the same question list on every run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
