import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import type { EvaluationRequest, EvaluationsSemantic } from "@/lib/validation/authzen";
import { type AccessDecision, type EvaluateOptions, evaluateAccess } from "./evaluate";

/**
 * AuthZEN §7 batch evaluation. `execute_all` answers every item, evaluated
 * concurrently (the pool bounds the parallelism); the two short-circuit
 * semantics evaluate in order and stop after the first deny (`&&`) or the
 * first permit (`||`), answering the items up to and including that one.
 * Each evaluated item is its own stored decision.
 */
export async function evaluateAccessBatch(
  requests: EvaluationRequest[],
  semantic: EvaluationsSemantic,
  caller: Actor,
  options: EvaluateOptions = {},
): Promise<AccessDecision[]> {
  requirePermission(caller, "runtime.authorize");
  if (semantic === "execute_all") return Promise.all(requests.map((r) => evaluateAccess(r, caller, options)));

  const stopOn = semantic === "permit_on_first_permit";
  const answers: AccessDecision[] = [];
  for (const request of requests) {
    const answer = await evaluateAccess(request, caller, options);
    answers.push(answer);
    if (answer.decision === stopOn) break;
  }
  return answers;
}

/** The AuthZEN response body of one decision: `reason_admin` only on a deny. */
export function toAuthzenDecision(answer: AccessDecision) {
  return {
    decision: answer.decision,
    context: answer.reason ? { id: answer.id, reason_admin: { code: answer.reason.code, message: answer.reason.message } } : { id: answer.id },
  };
}
