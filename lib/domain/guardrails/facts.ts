import type { GuardrailInput } from "./compiled-set";

/**
 * The context-free facts of one entitlement: everything a context-free
 * guardrail can read. A stored verdict is a pure function of these facts and
 * the active context-free policy set, so it is trusted exactly while the
 * facts it was computed from still equal the current ones — a workflow made
 * autonomous, an NHI moved to staging, an exception expiring or a grant
 * narrowed all change the facts, and the decision path then evaluates inline
 * instead of trusting the stale verdict (no other area has to remember to
 * invalidate anything).
 */
export type GuardrailFacts = {
  /** The facts encoded as one string, computed in SQL by `factsKeySql`. */
  key: string;
  nhi: GuardrailInput["nhi"];
  dataSet: GuardrailInput["dataSet"];
  workflow: GuardrailInput["workflow"];
  jit: boolean;
  /** The entitlement's actions: a stored verdict covers exactly these. */
  actions: string[];
  /** Actions an approved, unexpired exception of the workflow covers on this data set. */
  coveredActions: string[];
};

/** Bump when the encoding below changes: every stored verdict then reads as stale and is recomputed. */
const FACTS_FORMAT = "f1";

export type FactColumns = {
  classification: string;
  nhiEnvironment: string;
  provider: string;
  kind: string;
  sensitivity: string;
  dataSetEnvironment: string;
  autonomy: string;
  vendor: string;
  workflowStatus: string;
  jit: string;
  actions: string;
  covered: string;
};

/**
 * The one definition of the facts key, as SQL over the given column
 * expressions (trusted identifiers from our own code, never input). The
 * decision path and the refresh both use it, so they cannot disagree.
 */
export function factsKeySql(c: FactColumns): string {
  return `concat_ws('|', '${FACTS_FORMAT}', ${c.classification}::text, ${c.nhiEnvironment}::text, ${c.provider}::text, ${c.kind}::text,
    ${c.sensitivity}::text, ${c.dataSetEnvironment}::text, ${c.autonomy}::text, ${vendorManagedSql(c.vendor)}::text, ${c.workflowStatus}::text,
    ${c.jit}::text, array_to_string(${c.actions}::text[], ','), array_to_string(${c.covered}, ','))`;
}

export const vendorManagedSql = (vendor: string) => `(coalesce(btrim(${vendor}), '') <> '')`;

/** Actions of approved, unexpired exceptions of the workflow on the data set, sorted (part of the facts key). */
export function coveredActionsSql(workflowId: string, dataSetId: string): string {
  return `array(select distinct a::text from access_exceptions x cross join lateral unnest(x.actions) a
    where x.workflow_id = ${workflowId} and x.data_set_id = ${dataSetId} and x.status = 'approved' and x.expires_at > now() order by 1)`;
}

/** When the first of those exceptions expires (null when none covers anything): the covered actions change then. */
export function coveredUntilSql(workflowId: string, dataSetId: string): string {
  return `(select min(x.expires_at) from access_exceptions x
    where x.workflow_id = ${workflowId} and x.data_set_id = ${dataSetId} and x.status = 'approved' and x.expires_at > now())`;
}

/** Column expressions for the usual aliases: n (nhis), d (data_sets), w (workflows), e (entitlements), cov.covered. */
export const STANDARD_FACT_COLUMNS: FactColumns = {
  classification: "n.classification",
  nhiEnvironment: "n.environment",
  provider: "n.provider",
  kind: "n.kind",
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
 * Reads the facts back out of their key, so a query returns one string
 * instead of a column per attribute (fewer values to decode on the hot path)
 * and the SQL encoding stays the only definition. Enum values contain neither
 * `|` nor `,`.
 */
export function parseFactsKey(key: string, ids: { nhiId: string; dataSetId: string }): GuardrailFacts {
  const [, classification = "", nhiEnvironment = "", provider = "", kind = "", sensitivity = "", dataSetEnvironment = "", autonomy = "", vendorManaged, status = "", jit, actions = "", covered = ""] =
    key.split("|");
  const list = (joined: string) => (joined === "" ? [] : joined.split(","));
  return {
    key,
    nhi: { id: ids.nhiId, classification, environment: nhiEnvironment, provider, kind },
    dataSet: { id: ids.dataSetId, sensitivity, environment: dataSetEnvironment },
    workflow: { autonomy, vendorManaged: vendorManaged === "true", status },
    jit: jit === "true",
    actions: list(actions),
    coveredActions: list(covered),
  };
}

/** The Cedar request for `action` under these facts; request context comes from the caller. */
export function guardrailInput(facts: GuardrailFacts, action: string, request: { hour: number; jitTokenPresented: boolean }): GuardrailInput {
  return {
    nhi: facts.nhi,
    dataSet: facts.dataSet,
    action,
    workflow: facts.workflow,
    entitlement: { jit: facts.jit, coveredByException: facts.coveredActions.includes(action) },
    jitTokenPresented: request.jitTokenPresented,
    hour: request.hour,
  };
}

/** Memo key of a context-free evaluation: the facts, the action, and the entity ids only when the set names entities. */
export function contextFreeKey(facts: GuardrailFacts, action: string, entitySpecific: boolean): string {
  return entitySpecific ? `${facts.key}|${action}|${facts.nhi.id}|${facts.dataSet.id}` : `${facts.key}|${action}`;
}

/** Stored verdict entries are `action:policy name`; `action:!policy name` marks a policy that failed to evaluate. */
export function verdictEntries(action: string, outcome: { forbiddenBy: string[]; failed: string[] }): string[] {
  return [...outcome.forbiddenBy.map((name) => `${action}:${name}`), ...outcome.failed.map((name) => `${action}:!${name}`)];
}

export function outcomeFromEntries(entries: readonly string[], action: string): { forbiddenBy: string[]; failed: string[] } {
  // The common case on the decision path: nothing forbids this grant.
  if (entries.length === 0) return { forbiddenBy: [], failed: [] };
  const prefix = `${action}:`;
  const mine = entries.filter((e) => e.startsWith(prefix)).map((e) => e.slice(prefix.length));
  return { forbiddenBy: mine.filter((n) => !n.startsWith("!")), failed: mine.filter((n) => n.startsWith("!")).map((n) => n.slice(1)) };
}
