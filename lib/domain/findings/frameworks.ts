import type { ControlId } from "./controls";

/**
 * Framework items a finding can reference. Ids are `<framework>:<item>`:
 * `OWASP-NHI:NHI7` (OWASP Non-Human Identities Top 10, 2025),
 * `OWASP-ASI:ASI03` (OWASP Top 10 for Agentic Applications, 2026) and
 * `NIST-AI-RMF:GOVERN-1.5` (NIST AI RMF 1.0 subcategories, dot kept, space
 * replaced by a dash). Every item of the two OWASP lists is here, including
 * those no rule covers: the coverage page says so instead of hiding them.
 */
export const FRAMEWORKS = [
  { id: "OWASP-NHI", title: "OWASP Non-Human Identities Top 10 (2025)" },
  { id: "OWASP-ASI", title: "OWASP Top 10 for Agentic Applications (2026)" },
  { id: "NIST-AI-RMF", title: "NIST AI Risk Management Framework 1.0" },
] as const;
export type FrameworkId = (typeof FRAMEWORKS)[number]["id"];

type Item = { id: string; framework: FrameworkId; code: string; title: string; controls: readonly ControlId[]; note?: string };

// Literal id types, so a rule naming an item that does not exist fails to compile.
const nhi = <N extends number>(n: N, title: string, controls: ControlId[], note?: string) =>
  ({ id: `OWASP-NHI:NHI${n}`, framework: "OWASP-NHI", code: `NHI${n}`, title, controls, note }) as Item & { id: `OWASP-NHI:NHI${N}` };
const asi = <N extends string>(n: N, title: string, controls: ControlId[], note?: string) =>
  ({ id: `OWASP-ASI:ASI${n}`, framework: "OWASP-ASI", code: `ASI${n}`, title, controls, note }) as Item & { id: `OWASP-ASI:ASI${N}` };
const nist = <F extends "GOVERN" | "MAP" | "MEASURE" | "MANAGE", N extends string>(family: F, n: N, title: string, controls: ControlId[], note?: string) =>
  ({ id: `NIST-AI-RMF:${family}-${n}`, framework: "NIST-AI-RMF", code: `${family} ${n}`, title, controls, note }) as Item & {
    id: `NIST-AI-RMF:${F}-${N}`;
  };

export const FRAMEWORK_ITEMS = [
  nhi(1, "Improper Offboarding", ["offboarding-on-retire", "one-click-revoke", "revocation-hooks", "owner-accountability"]),
  nhi(2, "Secret Leakage", ["secrets-never-stored", "jit-credentials"],
    "No rule: Countersign never holds the secrets, so it cannot see where they leaked; it limits what a leaked secret is worth."),
  nhi(3, "Vulnerable Third-Party NHI", ["vendor-tracking", "one-click-revoke", "review-cadence"]),
  nhi(4, "Insecure Authentication", ["jit-credentials", "runtime-authorization"]),
  nhi(5, "Overprivileged NHI", ["approved-data-sets", "dual-control", "expiring-exceptions", "review-cadence", "review-campaigns"]),
  nhi(6, "Insecure Cloud Deployment Configurations", ["jit-credentials", "credential-lifecycle"]),
  nhi(7, "Long-Lived Secrets", ["credential-lifecycle", "jit-credentials", "autonomy-posture"]),
  nhi(8, "Environment Isolation", ["guardrail-policies", "approved-data-sets"]),
  nhi(9, "NHI Reuse", ["workload-binding"]),
  nhi(10, "Human Use of NHI", ["inventory-import", "jit-credentials"]),
  asi("01", "Agent Goal Hijack", ["approved-data-sets", "guardrail-policies", "runtime-authorization"],
    "No rule: goal hijack happens inside the agent; Countersign bounds what a hijacked agent can reach."),
  asi("02", "Tool Misuse and Exploitation", ["approved-data-sets", "runtime-authorization", "guardrail-policies"],
    "Covered by controls only: every tool call through a PEP is decided and logged."),
  asi("03", "Identity and Privilege Abuse", ["dual-control", "approved-data-sets", "jit-credentials", "autonomy-posture", "workload-binding"]),
  asi("04", "Agentic Supply Chain Vulnerabilities", ["vendor-tracking", "one-click-revoke"]),
  asi("05", "Unexpected Code Execution", [], "Not covered: code execution sandboxing is outside an identity governance tool."),
  asi("06", "Memory and Context Poisoning", [], "Not covered: agent memory and context are outside an identity governance tool."),
  asi("07", "Insecure Inter-Agent Communication", ["jit-credentials", "runtime-authorization"],
    "Covered by controls only: task-bound JIT tokens and introspection let receivers verify the calling agent."),
  asi("08", "Cascading Failures", ["one-click-revoke", "revocation-hooks", "workload-binding"]),
  asi("09", "Human-Agent Trust Exploitation", ["dual-control", "review-campaigns"],
    "Covered by controls only: humans approve and review access on the record; nothing detects manipulation of them."),
  asi("10", "Rogue Agents", ["one-click-revoke", "runtime-authorization", "audit-trail"]),
  nist("GOVERN", "1.5", "Ongoing monitoring and periodic review of AI risk management are planned", ["review-cadence", "review-campaigns"]),
  nist("GOVERN", "1.6", "Mechanisms are in place to inventory AI systems", ["inventory-import", "workload-binding"]),
  nist("GOVERN", "1.7", "Processes exist to decommission and phase out AI systems safely", ["offboarding-on-retire", "one-click-revoke"]),
  nist("GOVERN", "2.1", "Roles, responsibilities and lines of communication for AI risk are documented and clear", ["owner-accountability", "dual-control"]),
  nist("GOVERN", "3.2", "Roles and responsibilities for human-AI configurations and oversight are defined", ["autonomy-posture", "dual-control", "jit-credentials"]),
  nist("GOVERN", "6.1", "Policies address AI risks associated with third-party entities", ["vendor-tracking", "review-cadence"]),
  nist("GOVERN", "6.2", "Contingency processes handle failures or incidents in high-risk third-party data or AI systems", ["vendor-tracking", "one-click-revoke"]),
  nist("MANAGE", "2.4", "Mechanisms exist to supersede, disengage or deactivate AI systems acting outside intended use", ["one-click-revoke", "revocation-hooks", "offboarding-on-retire"]),
];

export type FrameworkItem = (typeof FRAMEWORK_ITEMS)[number];
export type FrameworkItemId = FrameworkItem["id"];

export const FRAMEWORK_ITEM_IDS = FRAMEWORK_ITEMS.map((i) => i.id) as readonly FrameworkItemId[];
