/**
 * The product's own controls, named once so the rule catalogue and the
 * framework coverage page describe them the same way. `href` points at the
 * screen where the control is operated.
 */
export const CONTROLS = {
  "owner-accountability": {
    title: "Two accountable owners per workflow",
    description: "Every workflow names a business owner and an identity owner; deactivating a user turns what they owned into findings.",
    href: "/workflows",
  },
  "approved-data-sets": {
    title: "Requests limited to approved data sets",
    description: "An entitlement must lie within its workflow's approved data sets and actions, or an unexpired exception (invariant 1).",
    href: "/workflows",
  },
  "expiring-exceptions": {
    title: "Expiring, owner-approved exceptions",
    description: "Deviations from the approval are time-boxed and approved by the business owner; expiry re-flags what they covered.",
    href: "/workflows",
  },
  "dual-control": {
    title: "Dual-control approval",
    description: "Access becomes active only with a business and an identity approval, never by its requester (invariant 2).",
    href: "/requests",
  },
  "one-click-revoke": {
    title: "Immediate, total revocation",
    description: "Revoke an entitlement, credential, NHI or a whole workflow in one click; runtime decisions deny at once (invariant 3).",
    href: "/identities",
  },
  "offboarding-on-retire": {
    title: "Offboarding on retirement",
    description: "Retiring a workflow revokes all of its entitlements and credentials in one transaction (invariant 4).",
    href: "/workflows",
  },
  "revocation-hooks": {
    title: "Revocation hooks with delivery evidence",
    description: "Revocations reach downstream systems through signed webhooks or CAEP events, retried and visible per attempt.",
    href: "/settings/hooks",
  },
  "jit-credentials": {
    title: "Just-in-time credentials",
    description: "Short-lived tokens bound to NHI, workflow, data sets and task; TTL capped by classification and introspectable.",
    href: "/identities",
  },
  "autonomy-posture": {
    title: "Autonomous posture",
    description: "Raising a workflow to autonomous reclassifies its NHIs as privileged, caps JIT TTLs and flags long-lived credentials (invariant 5).",
    href: "/workflows",
  },
  "credential-lifecycle": {
    title: "Credential expiry and rotation tracking",
    description: "Credential metadata records issue, expiry, rotation period and last rotation for every secret an NHI holds.",
    href: "/identities",
  },
  "secrets-never-stored": {
    title: "Secrets never stored",
    description: "Only credential metadata and fingerprints are kept; API keys are stored as hashes, hook secrets encrypted.",
    href: "/settings/api-keys",
  },
  "review-cadence": {
    title: "Risk-based review cadence",
    description: "Every active grant is reviewed every 30, 90 or 180 days by risk; overdue items escalate along the escalation path.",
    href: "/reviews",
  },
  "review-campaigns": {
    title: "Access review campaigns",
    description: "Scoped campaigns with staged reviewers, frozen snapshots, non-response policy and an evidence package.",
    href: "/campaigns",
  },
  "runtime-authorization": {
    title: "Runtime authorization (AuthZEN)",
    description: "Every access is decided at runtime against active grants, fails closed and is logged.",
    href: "/decisions",
  },
  "guardrail-policies": {
    title: "Guardrail policies (Cedar)",
    description: "Versioned policy-as-code that forbids risky combinations regardless of grants, tested before activation.",
    href: "/policies",
  },
  "workload-binding": {
    title: "Workload identity bound to its workflow",
    description: "Each NHI is bound to the workflows it serves, so reuse across tasks is visible.",
    href: "/identities",
  },
  "inventory-import": {
    title: "Inventory import",
    description: "Imports from cloud providers record identities and facts such as console passwords and interactive sign-ins.",
    href: "/import",
  },
  "vendor-tracking": {
    title: "Vendor-managed workflows declared",
    description: "Workflows running on vendor tooling name the vendor, so third-party access is reviewed as such.",
    href: "/workflows",
  },
  "audit-trail": {
    title: "Hash-chained audit trail",
    description: "Every change is an append-only, verifiable audit event (invariant 7).",
    href: "/audit",
  },
  "hook-url-guard": {
    title: "Outbound hook URL guard",
    description: "Hook targets on loopback, private or link-local addresses are refused unless an admin allowlists them.",
    href: "/settings/hooks",
  },
} as const satisfies Record<string, { title: string; description: string; href: string }>;

export type ControlId = keyof typeof CONTROLS;
