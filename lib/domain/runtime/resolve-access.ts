import type postgres from "postgres";
import { PROVIDERS } from "@/db/schema/enums";

export type SqlClient = postgres.Sql;

/** One active entitlement of the NHI on the data set, with what the decision needs to judge it. */
export type Grant = {
  entitlementId: string;
  workflowId: string;
  actions: string[];
  jit: boolean;
  expired: boolean;
  workflowStatus: string;
};

export type AccessFacts = {
  nhi: { id: string; status: string; matches: number } | null;
  dataSetId: string | null;
  grants: Grant[];
};

export type AccessLookup = {
  /** The AuthZEN subject id, or null when the subject type is not one we resolve. */
  subject: string | null;
  resource: string | null;
  workflowId: string | null;
};

type Row = {
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
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROVIDER_NAMES: readonly string[] = PROVIDERS;

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
 * set in ONE round trip (a prepared statement): this is the whole database
 * cost of a decision on the common path. Every branch is an index lookup:
 * nhis by id or (provider, external_id) — the bare form probes every provider
 * through that same unique index rather than scanning — data sets by id or
 * lower(name), entitlements through the partial index on active rows.
 *
 * Nothing here is cached in process memory, on purpose (DESIGN.md invariant
 * 3): a revoke that committed is visible to the very next evaluation on every
 * instance, with no invalidation channel that could lag or be lost.
 */
export async function loadAccessFacts(client: SqlClient, lookup: AccessLookup): Promise<AccessFacts> {
  const s = subjectReadings(lookup.subject);
  const resourceUuid = lookup.resource && UUID.test(lookup.resource) ? lookup.resource : null;
  const rows = await client<Row[]>`
    with subject as (
      select id, status, count(*) over (partition by rank)::int as matches
      from (
        select n.id, n.status, 0 as rank from nhis n where n.id = ${s.uuid}::uuid
        union all
        select n.id, n.status, 1 from nhis n where n.provider = ${s.provider}::provider and n.external_id = ${s.externalId}::text
        union all
        select n.id, n.status, 2 from nhis n
        where n.provider = any(enum_range(null::provider)) and n.external_id = ${s.bare}::text
      ) candidates
      order by rank
      limit 1
    ), data_set as (
      select id from (
        select d.id, 0 as rank from data_sets d where d.id = ${resourceUuid}::uuid
        union all
        select d.id, 1 from data_sets d where lower(d.name) = lower(${lookup.resource}::text)
      ) candidates
      order by rank
      limit 1
    )
    select s.id as nhi_id, s.status::text as nhi_status, s.matches as nhi_matches, d.id as data_set_id,
           g.id as entitlement_id, g.workflow_id, g.actions, g.jit, g.expired, g.workflow_status
    from (select 1) as one
    left join subject s on true
    left join data_set d on true
    left join lateral (
      select e.id, e.workflow_id, e.actions::text[] as actions, e.jit,
             coalesce(e.expires_at <= now(), false) as expired, w.status::text as workflow_status
      from entitlements e
      join workflows w on w.id = e.workflow_id
      where e.nhi_id = s.id and e.data_set_id = d.id and e.status = 'active'
        and (${lookup.workflowId}::uuid is null or e.workflow_id = ${lookup.workflowId}::uuid)
      order by e.created_at, e.id
    ) g on true`;

  const head = rows[0];
  return {
    nhi: head?.nhi_id ? { id: head.nhi_id, status: head.nhi_status ?? "", matches: head.nhi_matches ?? 1 } : null,
    dataSetId: head?.data_set_id ?? null,
    grants: rows.flatMap((r) =>
      r.entitlement_id && r.workflow_id
        ? [
            {
              entitlementId: r.entitlement_id,
              workflowId: r.workflow_id,
              actions: r.actions ?? [],
              jit: r.jit ?? false,
              expired: r.expired ?? false,
              workflowStatus: r.workflow_status ?? "",
            },
          ]
        : [],
    ),
  };
}
