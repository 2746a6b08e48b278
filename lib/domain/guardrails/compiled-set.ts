import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { analyzeSource, GuardrailError, splitStatements } from "./cedar";
import { ACTION_TYPE, DATA_SET_TYPE, NHI_TYPE } from "./schema";
import v8 from "node:v8";

// Node 20's optimiser can inline JS→wasm calls into cedar-wasm and crash under
// load ("unreachable code", seen in the authorization benchmark); turn that off.
v8.setFlagsFromString("--no-turbo-inline-js-wasm-calls");

/** One saved version of a policy, as the evaluator needs it. */
export type PolicyVersionSource = { versionId: string; policyId: string; name: string; version: number; source: string };

/** Everything a guardrail can read about one (NHI, action, data set, entitlement) question. */
export type GuardrailInput = {
  nhi: { id: string; classification: string; environment: string; provider: string; kind: string };
  dataSet: { id: string; sensitivity: string; environment: string };
  action: string;
  workflow: { autonomy: string; vendorManaged: boolean; status: string };
  entitlement: { jit: boolean; coveredByException: boolean };
  jitTokenPresented: boolean;
  hour: number;
};

/** Policy names that forbid, and names of policies that could not be evaluated (which also deny: fail closed). */
export type GuardrailOutcome = { forbiddenBy: string[]; failed: string[] };

const NONE: GuardrailOutcome = { forbiddenBy: [], failed: [] };
const BASELINE_ID = "countersign.baseline";
const MEMO_LIMIT = 20_000;

/**
 * Which compiled set currently occupies each wasm slot. cedar-wasm keeps
 * preparsed sets in its own memory under an id and offers no way to drop one,
 * so a fixed handful of slots is reused instead of minting an id per set.
 */
const occupant = new Map<string, CompiledSet>();

/**
 * A policy set parsed once and kept in wasm memory (`preparsePolicySet`), so
 * an evaluation costs one `statefulIsAuthorized` call instead of re-parsing
 * every policy. With the baseline permit, Cedar's decision is "deny" exactly
 * when some forbid matched (deny if any active policy forbids).
 */
export class CompiledSet {
  readonly empty: boolean;
  /** Some statement names a particular entity: verdicts must be keyed by entity ids, not only by attributes. */
  readonly entitySpecific: boolean;
  readonly versions: readonly PolicyVersionSource[];
  private readonly statements: Record<string, string> = {};
  private readonly owners = new Map<string, string>();
  private readonly memo = new Map<string, GuardrailOutcome>();

  constructor(
    private readonly slot: string,
    versions: readonly PolicyVersionSource[],
  ) {
    this.versions = versions;
    let entitySpecific = false;
    for (const v of versions) {
      const parts = statementsOf(v);
      entitySpecific ||= analyzeSource(parts).entitySpecific;
      parts.forEach((text, i) => {
        const id = `${v.versionId}#${i}`;
        this.statements[id] = text;
        this.owners.set(id, v.name);
      });
    }
    this.entitySpecific = entitySpecific;
    this.empty = versions.length === 0;
    this.statements[BASELINE_ID] = "permit (principal, action, resource);";
    if (!this.empty) this.load();
  }

  /** Evaluates, remembering the answer under `key`: callers key by every input the set can read. */
  evaluateCached(key: string, input: GuardrailInput): GuardrailOutcome {
    if (this.empty) return NONE;
    const hit = this.memo.get(key);
    if (hit) return hit;
    const outcome = this.evaluate(input);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, outcome);
    return outcome;
  }

  evaluate(input: GuardrailInput): GuardrailOutcome {
    if (this.empty) return NONE;
    if (occupant.get(this.slot) !== this) this.load();
    const principal = { type: NHI_TYPE, id: input.nhi.id };
    const resource = { type: DATA_SET_TYPE, id: input.dataSet.id };
    const { id: _n, ...nhiAttrs } = input.nhi;
    const { id: _d, ...dataSetAttrs } = input.dataSet;
    const answer = cedar.statefulIsAuthorized({
      preparsedPolicySetId: this.slot,
      principal,
      action: { type: ACTION_TYPE, id: input.action },
      resource,
      context: { workflow: input.workflow, entitlement: input.entitlement, jitTokenPresented: input.jitTokenPresented, hour: input.hour },
      entities: [
        { uid: principal, attrs: nhiAttrs, parents: [] },
        { uid: resource, attrs: dataSetAttrs, parents: [] },
      ],
    });
    if (answer.type === "failure") throw new GuardrailError(`guardrail evaluation failed: ${answer.errors.map((e) => e.message).join("; ")}`);
    const { decision, diagnostics } = answer.response;
    // A policy that errors is skipped by Cedar, which for a forbid would mean "allow": report it so the caller denies.
    const failed = unique(diagnostics.errors.map((e) => this.nameOf(e.policyId)));
    const forbiddenBy = decision === "deny" ? unique(diagnostics.reason.map((id) => this.nameOf(id))) : [];
    return { forbiddenBy, failed };
  }

  private nameOf(cedarId: string): string {
    return this.owners.get(cedarId) ?? cedarId;
  }

  private load() {
    const answer = cedar.preparsePolicySet(this.slot, { staticPolicies: this.statements });
    if (answer.type === "failure") throw new GuardrailError(`guardrail policies could not be loaded: ${answer.errors.map((e) => e.message).join("; ")}`);
    occupant.set(this.slot, this);
  }
}

function statementsOf(version: PolicyVersionSource): string[] {
  try {
    return splitStatements(version.source);
  } catch (error) {
    throw new GuardrailError(`policy "${version.name}" (version ${version.version}) could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function unique(names: string[]): string[] {
  return [...new Set(names)].sort();
}
