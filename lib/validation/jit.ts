import { z } from "zod";
import { text, uuid } from "./common";

/** `POST /api/v1/credentials/jit`: the TTL asked for is capped by policy, never refused for being long. */
export const mintJitInput = z
  .object({
    entitlementId: uuid,
    ttlSeconds: z.number().int("must be a whole number of seconds").min(1, "must be at least 1").max(86_400, "must be at most 86400").optional(),
    task: text(200, 3),
  })
  .strict();
export type MintJitInputBody = z.infer<typeof mintJitInput>;

/** RFC 7662 §2.1: `token` is required; `token_type_hint` is accepted and ignored (we only introspect JIT tokens). */
export const introspectInput = z.object({
  // No length cap here: an oversized token is a bad token (`active: false`), not a bad request.
  token: z.string().min(1, "is required"),
  token_type_hint: z.string().max(100).optional(),
});
