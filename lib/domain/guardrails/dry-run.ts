import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { policies } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import type { DryRunPolicyVersionInput } from "@/lib/validation/policies";
import { GuardrailError } from "./cedar";
import { CompiledSet, type GuardrailOutcome } from "./compiled-set";
import { STANDARD_FACT_COLUMNS, coveredActionsSql, factsKeySql, guardrailInput, parseFactsKey } from "./facts";
import { loadActiveVersions } from "./store";

export type DryRunChange = {
  decisionId: string;
  decidedAt: Date;
  action: string;
  identity: { id: string; name: string };
  dataSet: { id: string; name: string };
  workflow: { id: string; name: string };
  from: "allow" | "deny";
  to: "allow" | "deny";
  /** With the candidate: the policies that would forbid (allow → deny), or none (deny → allow). */
  policies: string[];
};

export type DryRunResult = {
  version: { id: string; policyId: string; name: string; version: number };
  activeVersion: { id: string; version: number } | null;
  /** Stored decisions looked at (the newest `limit`). */
  examined: number;
  /** Of those, decisions that reached the guardrail step and still have their entitlement: the ones a policy could change. */
  evaluated: number;
  changes: DryRunChange[];
};

type DecisionRow = {
  id: string;
  decided_at: Date;
  action: string;
  decision: boolean;
  context: { jti?: string; guardrail?: { forbiddenBy?: string[]; failed?: string[] } } | null;
  nhi_id: string;
  nhi_name: string;
  data_set_id: string;
  data_set_name: string;
  workflow_id: string;
  workflow_name: string;
  facts: string;
};

const denies = (o: GuardrailOutcome) => o.forbiddenBy.length > 0 || o.failed.length > 0;

/**
 * Re-evaluates the guardrail step of the newest stored decisions twice — with
 * the active policy set, and with the candidate version in place of its
 * policy's active version — on today's facts of each decision's entitlement,
 * at the hour it was decided and with the token it presented. Reported:
 * allowed decisions the candidate would deny, and decisions this policy
 * denied that the candidate would allow. Comparing the two sets on the same
 * facts attributes every change to the candidate, not to facts that moved
 * since. Entitlement and token checks are taken as they were. Reads only.
 */
export async function dryRunPolicyVersion(actor: Actor, versionId: string, input: DryRunPolicyVersionInput): Promise<DryRunResult> {
  requirePermission(actor, "policies.manage");
  const [candidate] = await db.select().from(policies).where(eq(policies.id, versionId));
  if (!candidate) throw AppError.notFound("Policy version");
  const active = await loadActiveVersions(db);
  const current = active.find((v) => v.policyId === candidate.policyId) ?? null;
  const candidateSource = { versionId: candidate.id, policyId: candidate.policyId, name: candidate.name, version: candidate.version, source: candidate.source };

  let baseline: CompiledSet;
  let proposed: CompiledSet;
  try {
    baseline = new CompiledSet("dry-run:baseline", active);
    proposed = new CompiledSet("dry-run:candidate", [...active.filter((v) => v.policyId !== candidate.policyId), candidateSource]);
  } catch (error) {
    if (error instanceof GuardrailError) throw AppError.invalid("source", error.message);
    throw error;
  }

  const rows = await db.execute<DecisionRow>(sql`
    with recent as (
      select * from decisions order by decided_at desc, id desc limit ${input.limit}
    )
    select r.id, r.decided_at, r.action, r.decision, r.context,
           e.nhi_id, n.name as nhi_name, e.data_set_id, d.name as data_set_name, e.workflow_id, w.name as workflow_name,
           ${sql.raw(factsKeySql(STANDARD_FACT_COLUMNS))} as facts
    from recent r
    join entitlements e on e.id = r.entitlement_id
    join nhis n on n.id = e.nhi_id
    join data_sets d on d.id = e.data_set_id
    join workflows w on w.id = e.workflow_id
    cross join lateral (select ${sql.raw(coveredActionsSql("e.workflow_id", "e.data_set_id"))} as covered offset 0) cov
    where r.decision or r.reason_code in ('guardrail_forbid', 'guardrail_error')
    order by r.decided_at desc, r.id desc`);
  const [counted] = await db.execute<{ n: number }>(sql`select count(*)::int as n from (select 1 from decisions limit ${input.limit}) recent`);

  const changes: DryRunChange[] = [];
  const entitySpecific = baseline.entitySpecific || proposed.entitySpecific;
  for (const row of rows) {
    const facts = parseFactsKey(row.facts, { nhiId: row.nhi_id, dataSetId: row.data_set_id });
    const decidedAt = new Date(row.decided_at);
    const request = { hour: decidedAt.getUTCHours(), jitTokenPresented: Boolean(row.context?.jti) };
    const input = guardrailInput(facts, row.action, request);
    const key = `${row.facts}|${row.action}|${request.hour}|${request.jitTokenPresented}${entitySpecific ? `|${facts.nhi.id}|${facts.dataSet.id}` : ""}`;
    const before = safely(() => baseline.evaluateCached(key, input));
    const after = safely(() => proposed.evaluateCached(key, input));

    const named = [...(row.context?.guardrail?.forbiddenBy ?? []), ...(row.context?.guardrail?.failed ?? [])];
    let to: "allow" | "deny" | null = null;
    if (row.decision && !denies(before) && denies(after)) to = "deny";
    if (!row.decision && named.includes(candidate.name) && denies(before) && !denies(after)) to = "allow";
    if (!to) continue;
    changes.push({
      decisionId: row.id,
      decidedAt,
      action: row.action,
      identity: { id: facts.nhi.id, name: row.nhi_name },
      dataSet: { id: row.data_set_id, name: row.data_set_name },
      workflow: { id: row.workflow_id, name: row.workflow_name },
      from: row.decision ? "allow" : "deny",
      to,
      policies: to === "deny" ? [...after.forbiddenBy, ...after.failed.map((n) => `${n} (could not be evaluated)`)] : [],
    });
  }
  return {
    version: { id: candidate.id, policyId: candidate.policyId, name: candidate.name, version: candidate.version },
    activeVersion: current && { id: current.versionId, version: current.version },
    examined: counted?.n ?? 0,
    evaluated: rows.length,
    changes,
  };
}

/** An evaluation that fails denies, as it would at decision time. */
function safely(run: () => GuardrailOutcome): GuardrailOutcome {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof GuardrailError)) throw error;
    return { forbiddenBy: [], failed: ["(evaluation failed)"] };
  }
}
