import type { GuardrailOutcome } from "./compiled-set";

/**
 * Deny reasons of the guardrail step, alongside the runtime's own
 * (lib/domain/runtime/reasons.ts): public codes in `reason_admin.code`,
 * stored with every decision.
 */
export const GUARDRAIL_REASONS = {
  guardrail_forbid: "A guardrail policy forbids this access",
  guardrail_error: "A guardrail policy could not be evaluated; denied (fail closed)",
} as const;

export type GuardrailReasonCode = keyof typeof GUARDRAIL_REASONS;
export type GuardrailReason = { code: GuardrailReasonCode; message: string };

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

/** The deny reason for an outcome, naming the policies; null when nothing forbids. A policy that failed wins: it is the one to fix. */
export function guardrailReason(outcome: GuardrailOutcome): GuardrailReason | null {
  if (outcome.failed.length > 0) {
    return { code: "guardrail_error", message: `${GUARDRAIL_REASONS.guardrail_error}: ${quoted(outcome.failed)}` };
  }
  if (outcome.forbiddenBy.length > 0) {
    const noun = outcome.forbiddenBy.length === 1 ? "policy" : "policies";
    return { code: "guardrail_forbid", message: `${GUARDRAIL_REASONS.guardrail_forbid}: forbidden by ${noun} ${quoted(outcome.forbiddenBy)}` };
  }
  return null;
}

export function guardrailFailure(detail: string): GuardrailReason {
  return { code: "guardrail_error", message: `${GUARDRAIL_REASONS.guardrail_error}: ${detail}` };
}
