import type { Rule } from "../types";

/**
 * Raised and resolved by hook delivery (lib/domain/hooks/deliver-hooks.ts)
 * the moment a delivery fails for good or the last one succeeds; catalogued
 * here so it is listed, filtered and mapped like every other rule.
 */
export const revocationUnconfirmed: Rule = {
  id: "revocation-unconfirmed",
  title: "Revocation not confirmed downstream",
  severity: "high",
  targetType: "revocation",
  frameworks: ["OWASP-NHI:NHI1", "OWASP-ASI:ASI10", "NIST-AI-RMF:MANAGE-2.4"],
  description: "A revocation's hook delivery failed for good (or the receiver answered 410), so a downstream system may still grant the access.",
  remediation: "Check the downstream system, fix the hook, and replay the failed delivery from Settings → Hooks; the finding resolves when every delivery succeeds.",
  owner: "The revoked workflow's identity owner, else its business owner, else whoever revoked.",
  controls: ["revocation-hooks", "one-click-revoke"],
  query: null,
};
