import { z } from "zod";
import { text, uuid } from "./common";

/**
 * OpenID AuthZEN Authorization API 1.0 request shapes. `type`, `id` and action
 * `name` are free strings in AuthZEN, so an unsupported subject type or action
 * is a *decision* (deny with a reason code), not a malformed request; only a
 * request that is not AuthZEN at all is refused with 400/422.
 */

// AuthZEN lets callers attach attributes; guardrail policies may read them later, so they are accepted here.
const properties = z.record(z.string(), z.unknown()).optional();

export const authzenSubject = z.object({ type: text(64), id: text(1024), properties }).strict();
export const authzenResource = z.object({ type: text(64), id: text(512), properties }).strict();
export const authzenAction = z.object({ name: text(64), properties }).strict();

/**
 * Strict on purpose: a misspelt `workflow` would otherwise be ignored and
 * silently widen the decision to every workflow of the NHI.
 */
export const authzenContext = z
  .object({
    workflow: uuid.optional(),
    token: z.string().min(1, "is required").max(8192, "must be at most 8192 characters").optional(),
  })
  .strict();

export const evaluationRequest = z
  .object({ subject: authzenSubject, action: authzenAction, resource: authzenResource, context: authzenContext.optional() })
  .strict();
export type EvaluationRequest = z.infer<typeof evaluationRequest>;

export const EVALUATIONS_SEMANTICS = ["execute_all", "deny_on_first_deny", "permit_on_first_permit"] as const;
export type EvaluationsSemantic = (typeof EVALUATIONS_SEMANTICS)[number];

/** Large enough for a page of tool calls, small enough that one request cannot monopolise the pool. */
export const MAX_BATCH_EVALUATIONS = 100;

const evaluationItem = z
  .object({
    subject: authzenSubject.optional(),
    action: authzenAction.optional(),
    resource: authzenResource.optional(),
    context: authzenContext.optional(),
  })
  .strict();

/**
 * AuthZEN §7 batch: top-level subject/action/resource/context are defaults;
 * a value set on an item replaces the default as a whole (no deep merge). An
 * absent or empty `evaluations` array makes it a single evaluation. After the
 * merge every item must name a subject, an action and a resource.
 */
export const evaluationsRequest = z
  .object({
    subject: authzenSubject.optional(),
    action: authzenAction.optional(),
    resource: authzenResource.optional(),
    context: authzenContext.optional(),
    evaluations: z.array(evaluationItem).max(MAX_BATCH_EVALUATIONS, `must have at most ${MAX_BATCH_EVALUATIONS} items`).optional(),
    options: z
      .object({
        evaluations_semantic: z.enum(EVALUATIONS_SEMANTICS, { message: `must be one of ${EVALUATIONS_SEMANTICS.join(", ")}` }).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .transform((body, ctx) => {
    const { evaluations = [], options, ...defaults } = body;
    const items = evaluations.length > 0 ? evaluations.map((item, i) => ({ item: { ...defaults, ...item }, path: ["evaluations", i] })) : [{ item: defaults, path: [] }];
    const requests: EvaluationRequest[] = [];
    for (const { item, path } of items) {
      const missing = (["subject", "action", "resource"] as const).filter((key) => !item[key]);
      for (const key of missing) ctx.addIssue({ code: "custom", path: [...path, key], message: "is required (here or as a top-level default)" });
      if (item.subject && item.action && item.resource) requests.push({ ...item, subject: item.subject, action: item.action, resource: item.resource });
    }
    return { requests, batch: evaluations.length > 0, semantic: options?.evaluations_semantic ?? "execute_all" };
  });
export type EvaluationsRequest = z.output<typeof evaluationsRequest>;
