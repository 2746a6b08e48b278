import type { Transaction } from "@/db";
import { requestFindingsRefresh } from "@/lib/domain/findings/request-refresh";
import { enqueueGuardrailRefresh } from "@/lib/domain/guardrails/enqueue-refresh";

/**
 * Audit areas whose changes are read by findings rules or by stored guardrail
 * verdicts: ownership, lifecycle, grants, credentials, bindings, exceptions,
 * data set classification, imports, users (deactivation), review decisions.
 */
const POSTURE_AREAS = new Set([
  "workflow",
  "identity",
  "entitlement",
  "credential",
  "exception",
  "data_set",
  "inventory",
  "user",
  "revocation",
  "review",
  "campaign",
]);

/** Minted per call on the runtime path and short-lived by design: no rule reads them. */
const IGNORED_ACTIONS = new Set(["credential.jit_minted"]);

export function changesPosture(action: string): boolean {
  return !IGNORED_ACTIONS.has(action) && POSTURE_AREAS.has(action.slice(0, action.indexOf(".")));
}

/**
 * Asks for a findings refresh and a guardrail-verdict refresh that run once
 * the caller's transaction commits (both debounced), so findings open and
 * resolve within seconds of a change instead of at the next schedule. The
 * schedules stay as the backstop for changes made by the clock.
 */
export async function requestPostureRefresh(tx: Transaction) {
  await requestFindingsRefresh(tx);
  await enqueueGuardrailRefresh(tx);
}
