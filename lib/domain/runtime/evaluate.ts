import { decodeJwt } from "jose";
import { sqlClient } from "@/db";
import { DATA_ACTIONS } from "@/db/schema/enums";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { GuardrailError } from "@/lib/domain/guardrails/cedar";
import type { GuardrailOutcome } from "@/lib/domain/guardrails/compiled-set";
import { type GuardrailReason, guardrailFailure, guardrailReason } from "@/lib/domain/guardrails/reasons";
import { type ActiveGuardrails, activeGuardrails, contextFreeOutcome, currentGuardrails, guardrailsReady, guardrailsSettled, requestContextOutcome } from "@/lib/domain/guardrails/runtime";
import { verifyJitToken } from "@/lib/domain/jit/verify-jit-token";
import { env } from "@/lib/env";
import type { EvaluationRequest } from "@/lib/validation/authzen";
import { newDecisionId, recordDecision } from "./decision-log";
import { type DenyReason, type Reason, reason } from "./reasons";
import { type AccessFacts, type AccessLookup, type Grant, type SqlClient, loadAccessFacts } from "./resolve-access";

export type AccessDecision = { id: string; decision: boolean; reason: Reason | GuardrailReason | null };

export type EvaluateOptions = {
  client?: SqlClient;
  now?: Date;
  /**
   * Where the access facts come from: by default the database, batched; the decision point passes its cache,
   * which answers synchronously what it holds (and then the whole decision is, see `decideAccess`).
   */
  loadFacts?: (client: SqlClient, lookup: AccessLookup) => AccessFacts | Promise<AccessFacts>;
  /** Answer deny (`internal_error`) when deciding takes longer than this (default DECISION_DEADLINE_MS, 2 s). */
  deadlineMs?: number;
};

/**
 * A PEP waits for our answer on its own request path: a database that stops
 * answering without closing the connection (a partition, a stuck lock) must
 * still produce a deny, not a hang.
 */
class DecisionDeadline extends Error {
  constructor(ms: number) {
    super(`no decision within ${ms} ms (database not answering)`);
  }
}

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DecisionDeadline(ms)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

type Verdict = {
  allow: boolean;
  reason: Reason | GuardrailReason | null;
  nhiId: string | null;
  dataSetId: string | null;
  grant: Grant | null;
  jti: string | null;
  /** The guardrail outcome that denied, kept in the decision log (the dry run reads it). */
  guardrail?: GuardrailOutcome;
};

type Base = Omit<Verdict, "allow" | "reason">;

const ACTION_NAMES: readonly string[] = DATA_ACTIONS;

/**
 * One AuthZEN access evaluation: may this NHI perform this action on this data
 * set now? Allowed only when the NHI is active, the data set exists, an
 * active, unexpired entitlement of an active workflow grants the action —
 * with a verified JIT token where that entitlement is just-in-time — and no
 * active guardrail policy forbids it. Every answer is stored in the decision log.
 *
 * Fail closed: any error while deciding, or no answer within the deadline, answers deny (`internal_error`). The
 * permission check stays outside, because a caller who may not ask gets a 403,
 * not a decision. `client` lets a dedicated decision process (or a test) bring
 * its own connection pool; `now` fixes the decision time (and so the hour
 * request-context guardrails see) for tests.
 */
export async function evaluateAccess(request: EvaluationRequest, caller: Actor, options: EvaluateOptions = {}): Promise<AccessDecision> {
  requirePermission(caller, "runtime.authorize");
  const decidedAt = options.now ?? new Date();
  const id = newDecisionId(decidedAt.getTime());
  let verdict: Verdict;
  try {
    const deciding = decideAccess(request, options.client ?? sqlClient(), decidedAt.getUTCHours(), options.loadFacts ?? loadAccessFacts);
    // Only a decision that waits for something (the database, a key) can overrun; one decided from memory cannot.
    verdict = deciding instanceof Promise ? await withDeadline(deciding, options.deadlineMs ?? env().DECISION_DEADLINE_MS) : deciding;
  } catch (error) {
    // The request may carry a bearer token: log the failure, never the request.
    console.error(`[decisions] ${id} failed closed:`, error instanceof Error ? (error.stack ?? error.message) : String(error));
    verdict = { allow: false, reason: reason("internal_error"), nhiId: null, dataSetId: null, grant: null, jti: null };
  }
  recordDecision({
    id,
    decidedAt,
    nhiId: verdict.nhiId,
    subject: request.subject.id,
    action: request.action.name,
    dataSetId: verdict.dataSetId,
    resource: request.resource.id,
    workflowId: verdict.grant?.workflowId ?? askedWorkflow(request),
    entitlementId: verdict.grant?.entitlementId ?? null,
    decision: verdict.allow,
    reasonCode: verdict.reason?.code ?? null,
    reasonMessage: verdict.reason?.message ?? null,
    apiKeyId: caller.apiKeyId ?? null,
    context: storedContext(request, verdict),
  });
  return { id, decision: verdict.allow, reason: verdict.reason };
}

/**
 * Synchronous whenever nothing has to be waited for — facts in the decision point's cache, the active guardrail set
 * compiled, no JIT token to verify — which is most decisions of a decision point under load: no promise, no timer.
 * Each step that has to wait returns a promise instead, and the rest continues after it.
 */
function decideAccess(request: EvaluationRequest, client: SqlClient, hour: number, loadFacts: NonNullable<EvaluateOptions["loadFacts"]>): Verdict | Promise<Verdict> {
  if (!guardrailsSettled()) return guardrailsReady().then(() => decideAccess(request, client, hour, loadFacts));
  const facts = loadFacts(client, {
    subject: request.subject.type === "nhi" ? request.subject.id : null,
    resource: request.resource.type === "data_set" ? request.resource.id : null,
    workflowId: request.context?.workflow ?? null,
  });
  return facts instanceof Promise ? facts.then((f) => judgeFacts(request, f, client, hour)) : judgeFacts(request, facts, client, hour);
}

function judgeFacts(request: EvaluationRequest, facts: AccessFacts, client: SqlClient, hour: number): Verdict | Promise<Verdict> {
  const base = { nhiId: facts.nhi?.id ?? null, dataSetId: facts.dataSetId, grant: null, jti: null };

  if (!facts.nhi) return denied(base, "unknown_subject", request.subject.type === "nhi" ? undefined : `subject type must be "nhi"`);
  if (facts.nhi.matches > 1) return denied(base, "unknown_subject", `${facts.nhi.matches} identities share this external id; name it as provider:externalId or by id`);
  if (!facts.dataSetId) return denied(base, "unknown_resource", request.resource.type === "data_set" ? undefined : `resource type must be "data_set"`);
  const action = request.action.name;
  if (!ACTION_NAMES.includes(action)) return denied(base, "unknown_action");
  if (facts.nhi.status !== "active") return denied(base, "identity_inactive", `status is ${facts.nhi.status}`);
  if (facts.grants.length === 0) {
    return denied(base, "no_entitlement", request.context?.workflow ? `none in workflow ${request.context.workflow}` : undefined);
  }
  return judgeGrants({ facts, action, token: request.context?.token, base, client, hour });
}

function denied(base: Base, code: DenyReason, detail?: string): Verdict {
  return { ...base, allow: false, reason: reason(code, detail) };
}

/**
 * How far a grant gets towards covering the action; the deny reason names
 * the grant that got furthest, so the admin sees the nearest miss.
 */
function grantFailure(grant: Grant, action: string): DenyReason | null {
  if (!grant.actions.includes(action)) return "action_not_granted";
  if (grant.expired) return "entitlement_expired";
  if (grant.workflowStatus !== "active") return "workflow_inactive";
  return null;
}

const PROGRESS: DenyReason[] = ["action_not_granted", "entitlement_expired", "workflow_inactive"];

type Judgement = { facts: AccessFacts; action: string; token: string | undefined; base: Base; client: SqlClient; hour: number };

function judgeGrants(judgement: Judgement): Verdict | Promise<Verdict> {
  const { facts, action, base, client } = judgement;
  const usable = facts.grants.filter((g) => grantFailure(g, action) === null);
  if (usable.length === 0) {
    const nearest = facts.grants
      .map((grant) => ({ grant, failure: grantFailure(grant, action)! }))
      .sort((a, b) => PROGRESS.indexOf(b.failure) - PROGRESS.indexOf(a.failure))[0]!;
    const detail = nearest.failure === "workflow_inactive" ? `workflow ${nearest.grant.workflowId} is ${nearest.grant.workflowStatus}` : undefined;
    return { ...base, allow: false, reason: reason(nearest.failure, detail), grant: nearest.grant };
  }

  const guard = currentGuardrails(facts.activePolicyIds);
  if (guard) return judgeGuarded(judgement, usable, guard);
  return activeGuardrails(client, facts.activePolicyIds).then(
    (loaded) => judgeGuarded(judgement, usable, loaded),
    (error: unknown) => guardrailFailed(error, base, usable[0]!),
  );
}

function judgeGuarded({ facts, action, token, base, hour }: Judgement, usable: Grant[], guard: ActiveGuardrails): Verdict | Promise<Verdict> {
  // Guardrails, context-free part: a grant its stored (or freshly computed) verdict forbids cannot be the one that allows.
  let screened: { grant: Grant; outcome: GuardrailOutcome }[];
  try {
    screened = usable.map((grant) => ({ grant, outcome: contextFreeOutcome(guard, grant.guardrail.facts, grant.guardrail.stored, action) }));
  } catch (error) {
    return guardrailFailed(error, base, usable[0]!);
  }
  const cleared = screened.filter((s) => guardrailReason(s.outcome) === null).map((s) => s.grant);
  if (cleared.length === 0) {
    // Name the grant that would otherwise have been used: a standing one before a just-in-time one.
    const named = screened.find((s) => !s.grant.jit) ?? screened[0]!;
    return { ...base, allow: false, reason: guardrailReason(named.outcome), grant: named.grant, guardrail: named.outcome };
  }

  const standing = cleared.find((g) => !g.jit);
  if (standing) return judgeRequest(guard, standing, null, action, base, hour);
  // Only just-in-time grants cover the action: the caller must present a token minted for one of them.
  const grant = grantNamedByToken(cleared, token) ?? cleared[0]!;
  if (!token) return { ...base, allow: false, reason: reason("jit_token_required"), grant };
  return verifyJitToken(token, { nhiId: facts.nhi!.id, entitlementId: grant.entitlementId }).then((checked) =>
    checked.ok ? judgeRequest(guard, grant, checked.jti, action, base, hour) : { ...base, allow: false, reason: reason(checked.reason), grant },
  );
}

/** Guardrails, request-context part: only policies reading the hour or the token run here, per request. */
function judgeRequest(guard: ActiveGuardrails, grant: Grant, jti: string | null, action: string, base: Base, hour: number): Verdict {
  let outcome: GuardrailOutcome;
  try {
    outcome = requestContextOutcome(guard, grant.guardrail.facts, action, { hour, jitTokenPresented: jti !== null });
  } catch (error) {
    return guardrailFailed(error, { ...base, jti }, grant);
  }
  const denied = guardrailReason(outcome);
  if (denied) return { ...base, allow: false, reason: denied, grant, jti, guardrail: outcome };
  return { ...base, allow: true, reason: null, grant, jti };
}

/** A policy set that cannot be loaded or evaluated denies (fail closed); anything else is an internal error. */
function guardrailFailed(error: unknown, base: Base, grant: Grant): Verdict {
  if (!(error instanceof GuardrailError)) throw error;
  console.error(`[guardrails] failed closed: ${error.message}`);
  return { ...base, allow: false, reason: guardrailFailure(error.message), grant };
}

/**
 * With several JIT grants (one per workflow), the token's unverified
 * `entitlement` claim only picks which one to verify against; verification
 * then checks the signature and that binding, so a forged claim gains nothing.
 */
function grantNamedByToken(grants: Grant[], token: string | undefined): Grant | undefined {
  if (!token || grants.length === 1) return undefined;
  try {
    const claimed = decodeJwt(token).entitlement;
    return grants.find((g) => g.entitlementId === claimed);
  } catch {
    return undefined;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The workflow asked about, for the log's uuid column: a value that is no uuid (the HTTP schemas refuse it, a
 * direct caller might not) would make the whole batched insert fail, so it stays in `context.workflow` only.
 */
function askedWorkflow(request: EvaluationRequest): string | null {
  const workflow = request.context?.workflow;
  return workflow && UUID.test(workflow) ? workflow : null;
}

/** jsonb cannot hold NUL; one such string would fail the log's whole batched insert. */
const jsonText = (value: string) => value.replaceAll("\u0000", "\uFFFD");

/** What the log keeps of the request context: the workflow asked about and the verified token's jti, never the token. */
function storedContext(request: EvaluationRequest, verdict: Verdict): Record<string, unknown> | null {
  const context: Record<string, unknown> = {};
  if (request.context?.workflow) context.workflow = jsonText(request.context.workflow);
  if (request.context?.token) context.tokenPresented = true;
  if (verdict.jti) context.jti = verdict.jti;
  if (verdict.guardrail) context.guardrail = verdict.guardrail;
  if (request.subject.type !== "nhi") context.subjectType = jsonText(request.subject.type);
  if (request.resource.type !== "data_set") context.resourceType = jsonText(request.resource.type);
  return Object.keys(context).length > 0 ? context : null;
}
