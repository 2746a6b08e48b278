import { z } from "zod";
import { pageQuery, reason, text } from "./common";

/**
 * Guardrail policies (Cedar). The source is checked here only for size;
 * lib/domain/guardrails parses and validates it against the Cedar schema and
 * answers 422 on `source` with Cedar's own message.
 */
export const POLICY_SOURCE_MAX = 20_000;
export const DRY_RUN_DEFAULT_DECISIONS = 1_000;
export const DRY_RUN_MAX_DECISIONS = 10_000;

const source = z
  .string()
  .max(POLICY_SOURCE_MAX, `must be at most ${POLICY_SOURCE_MAX} characters`)
  .refine((s) => s.trim().length > 0, "is required");

const description = z.string().trim().max(1000, "must be at most 1000 characters");

/** Lower-case words joined by hyphens: names appear in deny messages and in stored verdicts. */
const policyName = text(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters, digits and single hyphens (e.g. no-prod-from-dev)");

export const createPolicyInput = z.object({ name: policyName, description: description.default(""), source, reason }).strict();
export type CreatePolicyInput = z.infer<typeof createPolicyInput>;

/** A new draft version; the description carries over from the latest version unless given. */
export const createPolicyVersionInput = z.object({ source, description: description.optional(), reason }).strict();
export type CreatePolicyVersionInput = z.infer<typeof createPolicyVersionInput>;

export const activatePolicyVersionInput = z.object({ reason }).strict();
export type ActivatePolicyVersionInput = z.infer<typeof activatePolicyVersionInput>;

export const dryRunPolicyVersionInput = z
  .object({
    limit: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(DRY_RUN_MAX_DECISIONS, `must be at most ${DRY_RUN_MAX_DECISIONS}`)
      .default(DRY_RUN_DEFAULT_DECISIONS),
  })
  .strict();
export type DryRunPolicyVersionInput = z.infer<typeof dryRunPolicyVersionInput>;

export const listPoliciesQuery = pageQuery;
export type ListPoliciesQuery = z.infer<typeof listPoliciesQuery>;
