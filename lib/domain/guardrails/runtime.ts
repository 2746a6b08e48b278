import type { SqlClient } from "@/lib/domain/runtime/resolve-access";
import { GuardrailError } from "./cedar";
import { CompiledSet, type GuardrailOutcome, type PolicyVersionSource } from "./compiled-set";
import { defaultPoliciesEnsured, ensureDefaultPoliciesOnce } from "./default-policies";
import { type GuardrailFacts, contextFreeKey, guardrailInput, outcomeFromEntries } from "./facts";
import { splitByKind, stampOf } from "./store";

/**
 * The guardrail step of the decision path. Per request it costs, in order of
 * likelihood: nothing (the entitlement's stored context-free verdict is
 * fresh and no request-context policy is active — no wasm call at all); one
 * Map lookup (a remembered evaluation); one wasm call of ~0.1 ms (the first
 * time this process sees a combination of facts, hour and token).
 */
export type ActiveGuardrails = { stamp: string; contextFree: CompiledSet; requestContext: CompiledSet };

type State = { current: ActiveGuardrails | null; loading: Map<string, Promise<ActiveGuardrails>> };
const holder = globalThis as { __csGuardrailCache?: State };
const state: State = (holder.__csGuardrailCache ??= { current: null, loading: new Map() });

/** Seeds the default policies the first time this process decides anything (see default-policies.ts). */
export function guardrailsReady(): Promise<void> {
  return ensureDefaultPoliciesOnce();
}

/** Whether `guardrailsReady()` has resolved, so a decision need not wait for it. */
export function guardrailsSettled(): boolean {
  return defaultPoliciesEnsured();
}

function build(stamp: string, versions: readonly PolicyVersionSource[]): ActiveGuardrails {
  const { contextFree, requestContext } = splitByKind(versions);
  return {
    stamp,
    contextFree: new CompiledSet("runtime:context-free", contextFree),
    requestContext: new CompiledSet("runtime:request-context", requestContext),
  };
}

/**
 * The compiled set of exactly the versions the decision's own round trip saw
 * active. Versions are immutable, so loading them by id yields that set even
 * if another activation commits meanwhile, and process memory only caches
 * what the ids name: the next request that sees other ids (an activation on
 * any instance) reloads.
 */
export async function activeGuardrails(client: SqlClient, versionIds: readonly string[]): Promise<ActiveGuardrails> {
  const current = currentGuardrails(versionIds);
  if (current) return current;
  const stamp = stampFor(versionIds);
  if (stamp === "") return (state.current = build("", []));
  let loading = state.loading.get(stamp);
  if (!loading) {
    loading = loadVersions(client, stamp, versionIds).finally(() => state.loading.delete(stamp));
    state.loading.set(stamp, loading);
  }
  return loading;
}

/** The compiled set when it is the one these ids name — no waiting, no loading — or null. */
export function currentGuardrails(versionIds: readonly string[]): ActiveGuardrails | null {
  return state.current?.stamp === stampFor(versionIds) ? state.current : null;
}

// The facts of one statement, and every cached answer read from it, share one ids array: its stamp is computed once.
const stamps = new WeakMap<readonly string[], string>();

function stampFor(versionIds: readonly string[]): string {
  let stamp = stamps.get(versionIds);
  if (stamp === undefined) {
    stamp = stampOf(versionIds);
    stamps.set(versionIds, stamp);
  }
  return stamp;
}

async function loadVersions(client: SqlClient, stamp: string, versionIds: readonly string[]): Promise<ActiveGuardrails> {
  const rows = await client<PolicyVersionSource[]>`
    select id as "versionId", policy_id as "policyId", name, version, source
    from policies where id = any(${versionIds as string[]}::uuid[]) order by name`;
  if (rows.length !== versionIds.length) throw new GuardrailError("an active guardrail policy version disappeared while loading");
  const active = build(
    stamp,
    rows.map((r) => ({ versionId: r.versionId, policyId: r.policyId, name: r.name, version: r.version, source: r.source })),
  );
  state.current = active;
  return active;
}

/**
 * The context-free verdict: the stored one when its facts are current,
 * otherwise evaluated here (a new grant, or one whose workflow, identity,
 * data set or exceptions changed since the last refresh).
 */
export function contextFreeOutcome(active: ActiveGuardrails, facts: GuardrailFacts, stored: readonly string[] | null, action: string): GuardrailOutcome {
  if (stored) return outcomeFromEntries(stored, action);
  const key = contextFreeKey(facts, action, active.contextFree.entitySpecific);
  return active.contextFree.evaluateCached(key, guardrailInput(facts, action, { hour: 0, jitTokenPresented: false }));
}

/** The request-context policies for this request; no wasm at all when none is active. */
export function requestContextOutcome(
  active: ActiveGuardrails,
  facts: GuardrailFacts,
  action: string,
  request: { hour: number; jitTokenPresented: boolean },
): GuardrailOutcome {
  if (active.requestContext.empty) return { forbiddenBy: [], failed: [] };
  const key = `${contextFreeKey(facts, action, active.requestContext.entitySpecific)}|${request.hour}|${request.jitTokenPresented}`;
  return active.requestContext.evaluateCached(key, guardrailInput(facts, action, request));
}
