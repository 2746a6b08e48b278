/**
 * Governance defaults from DESIGN.md, in one place so request handling,
 * reviews, runtime and findings agree on them.
 */
export const DAY_MS = 86_400_000;

/** Review cadence by risk: privileged NHI, restricted data or autonomous workflow 30 d; confidential 90 d; else 180 d. */
export function cadenceDaysFor(risk: {
  classification: "utility" | "privileged";
  sensitivity: "public" | "internal" | "confidential" | "restricted";
  autonomy: "assistive" | "automated" | "autonomous";
  workflowCadenceDays?: number | null;
}): number {
  const byRisk =
    risk.classification === "privileged" || risk.sensitivity === "restricted" || risk.autonomy === "autonomous"
      ? 30
      : risk.sensitivity === "confidential"
        ? 90
        : 180;
  // A workflow may review more often than its risk demands, never less often.
  return risk.workflowCadenceDays ? Math.min(byRisk, risk.workflowCadenceDays) : byRisk;
}

/** Upper bound for JIT token lifetimes by NHI classification. */
export const JIT_TTL_CAP_SECONDS = { privileged: 15 * 60, utility: 60 * 60 } as const;

/** Autonomous workflows: every identity is privileged and reviewed monthly. */
export const AUTONOMOUS_CADENCE_DAYS = 30;

/** A static credential living longer than this (or forever) is "long-lived" (OWASP NHI7). */
export const LONG_LIVED_CREDENTIAL_DAYS = 90;
