import { and, eq, gte, isNotNull, lt, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { credentials, entitlements, findings, nhis, workflows } from "@/db/schema";
import type { AUTONOMY_LEVELS, WORKFLOW_STATUSES } from "@/db/schema/enums";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";

export type OverviewKpis = {
  activeWorkflows: number;
  activeIdentities: number;
  activeEntitlements: number;
  /** Active credentials whose expiry falls within the next 30 days. */
  credentialsExpiringSoon: number;
  /** Active credentials already past their expiry: still usable on paper, a finding in waiting. */
  credentialsExpired: number;
  pendingRequests: number;
  openFindings: number;
};

export type WorkflowMatrixCell = {
  autonomy: (typeof AUTONOMY_LEVELS)[number];
  status: (typeof WORKFLOW_STATUSES)[number];
  count: number;
};

export type Overview = { kpis: OverviewKpis; workflowMatrix: WorkflowMatrixCell[] };

const EXPIRY_WINDOW_DAYS = 30;

/** Organisation-wide counts for the overview page, straight from the database. */
export async function getOverview(actor: Actor, now: Date = new Date()): Promise<Overview> {
  requirePermission(actor, "workflows.read");
  requirePermission(actor, "identities.read");
  requirePermission(actor, "entitlements.read");
  requirePermission(actor, "findings.read");

  const horizon = new Date(now.getTime() + EXPIRY_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  // Tokens we mint just in time live for minutes by design; counting them would drown the long-lived secrets.
  const activeStanding = and(eq(credentials.status, "active"), ne(credentials.kind, "jit_token"), isNotNull(credentials.expiresAt));

  const [
    activeWorkflows,
    activeIdentities,
    activeEntitlements,
    credentialsExpiringSoon,
    credentialsExpired,
    pendingRequests,
    openFindings,
    workflowMatrix,
  ] = await Promise.all([
    db.$count(workflows, eq(workflows.status, "active")),
    db.$count(nhis, eq(nhis.status, "active")),
    db.$count(entitlements, eq(entitlements.status, "active")),
    db.$count(credentials, and(activeStanding, gte(credentials.expiresAt, now), lt(credentials.expiresAt, horizon))),
    db.$count(credentials, and(activeStanding, lt(credentials.expiresAt, now))),
    db.$count(entitlements, eq(entitlements.status, "pending")),
    db.$count(findings, eq(findings.status, "open")),
    db
      .select({ autonomy: workflows.autonomy, status: workflows.status, count: sql<number>`count(*)::int` })
      .from(workflows)
      .groupBy(workflows.autonomy, workflows.status),
  ]);

  return {
    kpis: {
      activeWorkflows,
      activeIdentities,
      activeEntitlements,
      credentialsExpiringSoon,
      credentialsExpired,
      pendingRequests,
      openFindings,
    },
    workflowMatrix,
  };
}
