/** Every queue name in one place, so pg-boss creates them all before anything sends. */
export const QUEUES = {
  sweepSessions: "maintenance.sweep-sessions",
  refreshCoverage: "approvals.refresh-coverage",
  deliverHooks: "hooks.deliver",
  refreshGuardrails: "guardrails.refresh",
  reviewsSweep: "reviews.sweep",
  reviewsRemind: "reviews.remind",
  notificationEmails: "notifications.email",
  refreshFindings: "findings.refresh",
} as const;
