import type postgres from "postgres";
import { PROVIDERS } from "@/db/schema/enums";
import { type FactColumns, type GuardrailFacts, coveredActionsSql, coveredUntilSql, factsKeySql, parseFactsKey } from "@/lib/domain/guardrails/facts";
import { ACTIVE_POLICY_IDS_SQL } from "@/lib/domain/guardrails/store";
import { accessBatcher } from "./access-batcher";

export type SqlClient = postgres.Sql;

/** One active entitlement of the NHI on the data set, with what the decision needs to judge it. */
export type Grant = {
  entitlementId: string;
  workflowId: string;
  actions: string[];
  jit: boolean;
  expired: boolean;
  workflowStatus: string;
  /** What the guardrails read about this grant, and its stored context-free verdict when that is still current. */
  guardrail: { facts: GuardrailFacts; stored: string[] | null };
};

export type AccessFacts = {
  nhi: { id: string; status: string; matches: number } | null;
  dataSetId: string | null;
  grants: Grant[];
  /** The active guardrail policy versions, read in the same round trip (their ids are the set's version stamp). */
  activePolicyIds: string[];
  /**
   * How long, from the moment the question was sent, these facts stay true by the clock alone: until the first
   * grant or covering exception expires (null: nothing here expires). Every other change is a write, which the
   * access change feed announces; this is what a cache must honour on its own.
   */
  validForMs: number | null;
};

export type AccessLookup = {
  /** The AuthZEN subject id, or null when the subject type is not one we resolve. */
  subject: string | null;
  resource: string | null;
  workflowId: string | null;
};

type Row = {
  ord: number;
  nhi_id: string | null;
  nhi_status: string | null;
  nhi_matches: number | null;
  data_set_id: string | null;
  entitlement_id: string | null;
  workflow_id: string | null;
  actions: string[] | null;
  jit: boolean | null;
  expired: boolean | null;
  workflow_status: string | null;
  facts: string | null;
  stored_verdict: string[] | null;
  valid_ms: number | null;
  active_policy_ids: string[] | null;
};

/** The facts key over the columns of the query below (s: subject, d: data set, w: workflow, e: entitlement). */
const FACT_COLUMNS: FactColumns = {
  classification: "s.classification",
  nhiEnvironment: "s.environment",
  provider: "s.provider",
  kind: "s.kind",
  sensitivity: "d.sensitivity",
  dataSetEnvironment: "d.environment",
  autonomy: "w.autonomy",
  vendor: "w.vendor",
  workflowStatus: "w.status",
  jit: "e.jit",
  actions: "e.actions",
  covered: "cov.covered",
};

/**
 * The decision query for a batch of questions, as one constant text with one
 * JSON parameter (an array of questions: position, NHI uuid, provider,
 * external id under that provider, bare external id, data set uuid, data set
 * name, workflow uuid), prepared once per connection: composing it per call
 * cost ~30 µs of client CPU, planning it per call ~600 µs of server CPU. JSON
 * rather than one array per column on purpose: the planner cannot see how many
 * questions a JSON value holds, so the generic plan always wins over a custom
 * one (with arrays it re-planned every small batch). Rows come back tagged
 * with the question's 1-based position (`ord`): one per active entitlement, or
 * one with null entitlement columns when there is none.
 *
 * The subject and data set readings are `(…) union all (…) limit 1`: the
 * executor stops at the first branch that returns a row, most specific
 * first, instead of evaluating every reading and sorting them. The bare
 * external id branch counts its matches (one per provider) so an ambiguous
 * subject is refused rather than guessed.
 */
const DECISION_QUERY = `
    select q.ord, s.id as nhi_id, s.status::text as nhi_status, s.matches as nhi_matches, d.id as data_set_id,
           g.id as entitlement_id, g.workflow_id, g.actions, g.jit, g.expired, g.workflow_status, g.facts, g.stored_verdict, g.valid_ms,
           case when q.ord = 1 then ${ACTIVE_POLICY_IDS_SQL} end as active_policy_ids
    from json_to_recordset($1::text::json) as q(ord int, nhi_uuid uuid, provider text, external_id text, bare text,
                                         data_set_uuid uuid, data_set_name text, workflow_id uuid)
    left join lateral (
      (select n.id, n.status, n.classification, n.environment, n.provider, n.kind, 1 as matches from nhis n where n.id = q.nhi_uuid)
      union all
      (select n.id, n.status, n.classification, n.environment, n.provider, n.kind, 1 from nhis n
       where n.provider = q.provider::provider and n.external_id = q.external_id)
      union all
      (select n.id, n.status, n.classification, n.environment, n.provider, n.kind, (count(*) over ())::int from nhis n
       where n.provider = any(enum_range(null::provider)) and n.external_id = q.bare)
      limit 1
    ) s on true
    left join lateral (
      (select d.id, d.sensitivity, d.environment from data_sets d where d.id = q.data_set_uuid)
      union all
      (select d.id, d.sensitivity, d.environment from data_sets d where lower(d.name) = lower(q.data_set_name))
      limit 1
    ) d on true
    left join lateral (
      select e.id, e.workflow_id, e.actions::text[] as actions, e.jit,
             coalesce(e.expires_at <= now(), false) as expired, w.status::text as workflow_status, f.facts,
             case when e.guardrail_facts = f.facts then e.guardrail_forbidden_by end as stored_verdict,
             (extract(epoch from least(case when e.expires_at > now() then e.expires_at end, cov.covered_until) - now()) * 1000)::float8 as valid_ms
      from entitlements e
      join workflows w on w.id = e.workflow_id
      -- offset 0 keeps each lateral a single evaluation: inlined, the exceptions subquery would run once per reference.
      cross join lateral (select ${coveredActionsSql("e.workflow_id", "e.data_set_id")} as covered,
                                 ${coveredUntilSql("e.workflow_id", "e.data_set_id")} as covered_until offset 0) cov
      cross join lateral (select ${factsKeySql(FACT_COLUMNS)} as facts offset 0) f
      where e.nhi_id = s.id and e.data_set_id = d.id and e.status = 'active'
        and (q.workflow_id is null or e.workflow_id = q.workflow_id)
      order by e.created_at, e.id
    ) g on true`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROVIDER_NAMES: readonly string[] = PROVIDERS;
const NO_WORKFLOW = "00000000-0000-0000-0000-000000000000";

/**
 * A subject id is an NHI uuid, `provider:externalId`, or a bare external id
 * (a SPIFFE id, an ARN…). The forms overlap (`custom:x` may be provider
 * `custom` + `x` or a bare external id `custom:x`; Azure external ids are
 * uuids), so every reading is tried and the most specific match wins.
 */
function subjectReadings(id: string | null) {
  if (id === null) return { uuid: null, provider: null, externalId: null, bare: null };
  const colon = id.indexOf(":");
  const prefix = colon > 0 ? id.slice(0, colon) : "";
  const provider = PROVIDER_NAMES.includes(prefix) ? prefix : null;
  return { uuid: UUID.test(id) ? id : null, provider, externalId: provider ? id.slice(colon + 1) : null, bare: id };
}

/**
 * Resolves subject, resource and the NHI's active entitlements on the data
 * set for a batch of questions in ONE round trip (a prepared statement): this
 * is the whole database cost of a decision on the common path. Every branch
 * is an index lookup: nhis by id or (provider, external_id) — the bare form
 * probes every provider through that same unique index rather than scanning
 * — data sets by id or lower(name), entitlements through the partial index on
 * active rows.
 *
 * Nothing here is cached in process memory, on purpose (DESIGN.md invariant
 * 3): a revoke that committed is visible to the very next statement on every
 * instance, with no invalidation channel that could lag or be lost. Batching
 * (access-batcher.ts) only ever adds a question to a statement that has not
 * been sent yet, so each answer reads a snapshot taken after it was asked.
 *
 * The same trip reads what the guardrail step needs: the attributes of NHI,
 * data set and workflow, the actions exceptions cover, the entitlement's
 * stored verdict — returned only while the facts it was computed from equal
 * the current ones — and the stamp of the active policy set (one per batch:
 * all its questions share the statement's snapshot).
 */
export async function loadAccessFactsBatch(client: SqlClient, lookups: readonly AccessLookup[]): Promise<AccessFacts[]> {
  const n = lookups.length;
  const questions = lookups.map((rawLookup, i) => {
    // No stored value contains NUL, and PostgreSQL refuses it in text: such a question matches nothing rather than
    // failing the statement it shares with others.
    const lookup = { subject: withoutNul(rawLookup.subject), resource: withoutNul(rawLookup.resource), workflowId: rawLookup.workflowId };
    const s = subjectReadings(lookup.subject);
    return {
      ord: i + 1,
      nhi_uuid: s.uuid,
      provider: s.provider,
      external_id: s.externalId,
      bare: s.bare,
      data_set_uuid: lookup.resource && UUID.test(lookup.resource) ? lookup.resource : null,
      data_set_name: lookup.resource,
      // Not a uuid cannot name a workflow: it must match none (never widen to every workflow), and it must not
      // make the shared statement fail for the other questions of the batch.
      workflow_id: lookup.workflowId === null ? null : UUID.test(lookup.workflowId) ? lookup.workflowId : NO_WORKFLOW,
    };
  });
  const rows = (await client.unsafe(DECISION_QUERY, [JSON.stringify(questions)], { prepare: true })) as unknown as Row[];

  let activePolicyIds: string[] = [];
  const facts: AccessFacts[] = Array.from({ length: n }, () => ({ nhi: null, dataSetId: null, grants: [], activePolicyIds, validForMs: null }));
  for (const r of rows) {
    if (r.active_policy_ids) activePolicyIds = r.active_policy_ids;
    const f = facts[r.ord - 1];
    if (!f) continue;
    if (!f.nhi && r.nhi_id) f.nhi = { id: r.nhi_id, status: r.nhi_status ?? "", matches: r.nhi_matches ?? 1 };
    f.dataSetId ??= r.data_set_id;
    if (r.valid_ms !== null) f.validForMs = Math.min(f.validForMs ?? Infinity, Math.max(0, r.valid_ms));
    if (r.entitlement_id && r.workflow_id) {
      f.grants.push({
        entitlementId: r.entitlement_id,
        workflowId: r.workflow_id,
        actions: r.actions ?? [],
        jit: r.jit ?? false,
        expired: r.expired ?? false,
        workflowStatus: r.workflow_status ?? "",
        guardrail: { facts: guardrailFacts(r), stored: r.stored_verdict },
      });
    }
  }
  for (const f of facts) f.activePolicyIds = activePolicyIds;
  return facts;
}

function withoutNul(value: string | null): string | null {
  return value !== null && value.includes("\u0000") ? null : value;
}

/** One question, batched with whatever else this process is asking right now (see access-batcher.ts). */
export function loadAccessFacts(client: SqlClient, lookup: AccessLookup): Promise<AccessFacts> {
  return accessBatcher(client, loadAccessFactsBatch).load(lookup);
}

function guardrailFacts(r: Row): GuardrailFacts {
  return parseFactsKey(r.facts ?? "", { nhiId: r.nhi_id ?? "", dataSetId: r.data_set_id ?? "" });
}
