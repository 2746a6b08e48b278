import { type SQL, sql } from "drizzle-orm";

/** The evaluation time as a timestamptz (rules never read the database clock). */
export const at = (now: string) => sql`${now}::timestamptz`;

/** `now - n days`, for "older than" conditions. */
export const daysBefore = (now: string, days: number) => sql`(${now}::timestamptz - make_interval(days => ${days}))`;

/**
 * The first of several candidate owners who is still an active user
 * (DESIGN.md invariant 6: a deactivated person is nobody's accountable owner).
 * Each candidate is `[id column, alias of its left-joined users row]`.
 */
export function firstActive(...candidates: [SQL, string][]): SQL {
  const branches = candidates.map(([id, alias]) => sql`when ${sql.raw(alias)}.active then ${id}`);
  return sql`case ${sql.join(branches, sql` `)} end`;
}

/** The NHI `n`'s owner as the users row `o` (a left join: the owner may be missing). */
export const nhiOwnerJoin = sql`left join users o on o.id = n.owner_id`;

/** Who answers for a finding on the NHI `n` (needs nhiOwnerJoin): its owner while active; none while orphaned. */
export const nhiOwner = firstActive([sql`n.owner_id`, "o"]);

/** The workflow `w`'s two owners as the users rows `bo` and `io` (left joins: either side may be missing). */
export const workflowOwnerJoins = sql`left join users bo on bo.id = w.business_owner_id
    left join users io on io.id = w.identity_owner_id`;

/**
 * Who answers for a finding on the workflow `w` (needs workflowOwnerJoins):
 * the side whose decision the finding concerns, else the other side, while active.
 */
export function workflowOwner(first: "business" | "identity"): SQL {
  const business: [SQL, string] = [sql`w.business_owner_id`, "bo"];
  const identity: [SQL, string] = [sql`w.identity_owner_id`, "io"];
  return first === "business" ? firstActive(business, identity) : firstActive(identity, business);
}

/** How findings name the credential `c` of the NHI `n`: its own name, else the identity's name and the kind. */
export const credentialName = sql`coalesce(nullif(c.name, ''), n.name || ' ' || c.kind)`;

/**
 * The jsonb_build_object pairs that identify the entitlement `e` (joined to
 * its NHI `n` and data set `d`): a readable name and the ids the UI links to.
 */
export const entitlementRef = sql`'name', n.name || ' → ' || d.name, 'nhiId', e.nhi_id, 'workflowId', e.workflow_id, 'dataSetId', e.data_set_id`;
