import type { verifyJitToken } from "@/lib/domain/jit/verify-jit-token";

type JitFailure = Extract<Awaited<ReturnType<typeof verifyJitToken>>, { ok: false }>["reason"];

/**
 * Why a runtime decision denied. Codes are part of the public contract
 * (`context.reason_admin.code`) and are stored with every decision, so PEPs
 * and dashboards can branch on them; the messages are for people.
 */
export const DENY_REASONS = {
  unknown_subject: "No identity matches the subject",
  unknown_resource: "No data set matches the resource",
  unknown_action: "The action is not one of read, write, delete, admin",
  identity_inactive: "The identity is not active",
  no_entitlement: "The identity holds no active entitlement on this data set",
  action_not_granted: "The identity's entitlement on this data set does not include this action",
  entitlement_expired: "The identity's entitlement on this data set has expired",
  workflow_inactive: "The workflow of the identity's entitlement is not active",
  jit_token_required: "The entitlement is just-in-time: present a JIT token in context.token",
  jit_token_invalid: "The JIT token is not valid",
  jit_token_expired: "The JIT token has expired",
  jit_token_revoked: "The JIT token has been revoked",
  jit_token_mismatch: "The JIT token was issued for another identity or entitlement",
  internal_error: "The decision could not be evaluated; denied (fail closed)",
} as const satisfies Record<string, string> & Record<JitFailure, string>;

export type DenyReason = keyof typeof DENY_REASONS;
export const DENY_REASON_CODES = Object.keys(DENY_REASONS) as DenyReason[];

export type Reason = { code: DenyReason; message: string };

export function reason(code: DenyReason, detail?: string): Reason {
  return { code, message: detail ? `${DENY_REASONS[code]}: ${detail}` : DENY_REASONS[code] };
}
