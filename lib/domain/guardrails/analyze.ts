import { ACTION_TYPE, CONTEXT_FREE_CONTEXT_ATTRIBUTES } from "./schema";

/** What a policy statement reads, found by walking Cedar's JSON form of it. */
export type StatementAnalysis = {
  effect: "permit" | "forbid";
  /** Context attributes read; "*" when `context` is used whole (compared, passed on). */
  contextAttributes: Set<string>;
  /** Names a particular NHI or data set (an entity literal), so verdicts differ per entity, not only per attribute. */
  entitySpecific: boolean;
};

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const isContextVar = (v: Json) => isRecord(v) && v.Var === "context";

/**
 * Classifies one statement (the `json` of cedar's policyToJson). The walk is
 * conservative: any use of `context` it cannot pin to one top-level attribute
 * counts as reading all of it, so a policy is only ever treated as
 * context-free when it provably is.
 */
export function analyzeStatement(json: Record<string, Json>): StatementAnalysis {
  const result: StatementAnalysis = {
    effect: json.effect === "permit" ? "permit" : "forbid",
    contextAttributes: new Set(),
    entitySpecific: false,
  };
  for (const scope of [json.principal, json.resource]) {
    // `==`/`in` name an entity (or a slot); `is … in` does too. Only a bare `is` is attribute-free.
    if (isRecord(scope) && (scope.op === "==" || scope.op === "in" || (scope.op === "is" && "in" in scope))) result.entitySpecific = true;
  }
  walk(json.conditions, result);
  return result;
}

function walk(node: Json, into: StatementAnalysis): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, into);
    return;
  }
  if (!isRecord(node)) return;

  const dot = node["."];
  if (isRecord(dot) && isContextVar(dot.left)) {
    into.contextAttributes.add(String(dot.attr));
    return;
  }
  const has = node.has;
  if (isRecord(has) && isContextVar(has.left)) {
    const first = Array.isArray(has.attr) ? has.attr[0] : has.attr;
    into.contextAttributes.add(String(first));
    return;
  }
  if (isContextVar(node)) {
    into.contextAttributes.add("*");
    return;
  }
  if ("Value" in node) {
    if (mentionsNonActionEntity(node.Value)) into.entitySpecific = true;
    return;
  }
  for (const child of Object.values(node)) walk(child, into);
}

function mentionsNonActionEntity(value: Json): boolean {
  if (Array.isArray(value)) return value.some(mentionsNonActionEntity);
  if (!isRecord(value)) return false;
  const entity = value.__entity;
  if (isRecord(entity)) return entity.type !== ACTION_TYPE;
  return Object.values(value).some(mentionsNonActionEntity);
}

/** Reads request context (anything beyond the workflow and entitlement facts): must be evaluated per request. */
export function readsRequestContext(analysis: Pick<StatementAnalysis, "contextAttributes">): boolean {
  return [...analysis.contextAttributes].some((attr) => !CONTEXT_FREE_CONTEXT_ATTRIBUTES.includes(attr));
}
