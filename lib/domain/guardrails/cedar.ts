import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { analyzeStatement, readsRequestContext } from "./analyze";
import { GUARDRAIL_SCHEMA } from "./schema";

export type PolicyKind = "context-free" | "request-context";

export type SourceAnalysis = {
  kind: PolicyKind;
  statements: number;
  forbids: number;
  /** permit statements validate but never change a decision (see schema.ts). */
  permits: number;
  contextAttributes: string[];
  entitySpecific: boolean;
};

export type SourceCheck = { ok: true; analysis: SourceAnalysis } | { ok: false; message: string };

/** Thrown when Cedar cannot parse, load or evaluate a policy set; callers fail closed. */
export class GuardrailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GuardrailError";
  }
}

type CedarError = { message: string; help: string | null; sourceLocations?: { start: number }[] };

/** Cedar's message, its hint, and where in the source: what an author needs to fix it. */
function describe(error: CedarError, source: string): string {
  const at = error.sourceLocations?.[0]?.start;
  const where = at === undefined ? "" : ` (line ${lineCol(source, at)})`;
  // Cedar numbers the statements of a text policy0, policy1…; authors count from one.
  const message = error.message.replace(/policy `policy(\d+)`/g, (_m, n: string) => `statement ${Number(n) + 1}`);
  return `${message}${error.help ? `; ${error.help}` : ""}${where}`;
}

/**
 * One message per place in the source: Cedar validates a statement once per
 * action it applies to and repeats the same finding for each.
 */
function describeAll(errors: CedarError[], source: string): string {
  const seen = new Set<number>();
  const messages: string[] = [];
  for (const error of errors) {
    const at = error.sourceLocations?.[0]?.start;
    if (at !== undefined && seen.has(at)) continue;
    if (at !== undefined) seen.add(at);
    messages.push(describe(error, source));
  }
  return messages.join("; ");
}

function lineCol(source: string, offset: number): string {
  const before = source.slice(0, offset);
  const line = before.split("\n").length;
  return `${line}, column ${offset - before.lastIndexOf("\n")}`;
}

/** The individual statements of a source text, each as Cedar text. */
export function splitStatements(source: string): string[] {
  const parts = cedar.policySetTextToParts(source);
  if (parts.type === "failure") throw new GuardrailError(parts.errors.map((e) => e.message).join("; "));
  return parts.policies;
}

/**
 * Parses and validates a policy source against the guardrail schema (strict
 * mode, so a misspelt attribute or a type error is refused at save time, not
 * discovered at decision time), then classifies it.
 */
export function checkPolicySource(source: string): SourceCheck {
  const parts = cedar.policySetTextToParts(source);
  if (parts.type === "failure") return { ok: false, message: describeAll(parts.errors, source) };
  if (parts.policy_templates.length > 0) return { ok: false, message: "templates (?principal or ?resource slots) are not supported in guardrails" };
  if (parts.policies.length === 0) return { ok: false, message: "contains no policy statement" };

  const validation = cedar.validate({ schema: GUARDRAIL_SCHEMA, policies: { staticPolicies: source }, validationSettings: { mode: "strict" } });
  if (validation.type === "failure") return { ok: false, message: describeAll(validation.errors, source) };
  if (validation.validationErrors.length > 0) return { ok: false, message: describeAll(validation.validationErrors.map((e) => e.error), source) };
  return { ok: true, analysis: analyzeSource(parts.policies) };
}

/** Classifies statements that already parsed: request-context if any statement reads request context. */
export function analyzeSource(statements: string[]): SourceAnalysis {
  const analyses = statements.map((text) => {
    const json = cedar.policyToJson(text);
    if (json.type === "failure") throw new GuardrailError(json.errors.map((e) => e.message).join("; "));
    return analyzeStatement(json.json as unknown as Record<string, unknown>);
  });
  const attributes = new Set(analyses.flatMap((a) => [...a.contextAttributes]));
  return {
    kind: analyses.some(readsRequestContext) ? "request-context" : "context-free",
    statements: analyses.length,
    forbids: analyses.filter((a) => a.effect === "forbid").length,
    permits: analyses.filter((a) => a.effect === "permit").length,
    contextAttributes: [...attributes].sort(),
    entitySpecific: analyses.some((a) => a.entitySpecific),
  };
}

export function analyzePolicySource(source: string): SourceAnalysis {
  return analyzeSource(splitStatements(source));
}
