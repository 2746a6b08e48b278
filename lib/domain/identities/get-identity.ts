import { and, desc, eq, ne } from "drizzle-orm";
import { db } from "@/db";
import { credentials, dataSets, entitlements, findings, nhis, users, workflowNhis, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { listAuditForTarget } from "@/lib/domain/audit/list-audit-events";
import { AppError } from "@/lib/errors";

/** An NHI with everything its page shows: workflows, entitlements, credentials, findings and history. */
export async function getIdentity(actor: Actor, id: string) {
  requirePermission(actor, "identities.read");
  const [row] = await db
    .select({ nhi: nhis, owner: { id: users.id, name: users.name, email: users.email, active: users.active } })
    .from(nhis)
    .leftJoin(users, eq(users.id, nhis.ownerId))
    .where(eq(nhis.id, id));
  if (!row) throw AppError.notFound("NHI");

  const [boundWorkflows, grants, creds, openFindings, history] = await Promise.all([
    db
      .select({
        id: workflows.id,
        name: workflows.name,
        status: workflows.status,
        autonomy: workflows.autonomy,
        businessOwnerId: workflows.businessOwnerId,
        identityOwnerId: workflows.identityOwnerId,
      })
      .from(workflowNhis)
      .innerJoin(workflows, eq(workflows.id, workflowNhis.workflowId))
      .where(eq(workflowNhis.nhiId, id))
      .orderBy(workflows.name),
    db
      .select({
        id: entitlements.id,
        status: entitlements.status,
        actions: entitlements.actions,
        jit: entitlements.jit,
        maxTtlSeconds: entitlements.maxTtlSeconds,
        expiresAt: entitlements.expiresAt,
        nextReviewAt: entitlements.nextReviewAt,
        exceedsApprovalSince: entitlements.exceedsApprovalSince,
        workflowId: workflows.id,
        workflowName: workflows.name,
        dataSetId: dataSets.id,
        dataSetName: dataSets.name,
        sensitivity: dataSets.sensitivity,
        environment: dataSets.environment,
      })
      .from(entitlements)
      .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
      .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
      .where(eq(entitlements.nhiId, id))
      .orderBy(desc(entitlements.createdAt)),
    db.select().from(credentials).where(eq(credentials.nhiId, id)).orderBy(desc(credentials.issuedAt)),
    db
      .select()
      .from(findings)
      .where(and(eq(findings.targetId, id), ne(findings.status, "resolved")))
      .orderBy(desc(findings.lastSeenAt)),
    listAuditForTarget(actor, "identity", id),
  ]);

  return {
    ...row.nhi,
    owner: row.owner?.id ? row.owner : null,
    workflows: boundWorkflows,
    /** Serving several workflows is NHI reuse (OWASP NHI9): allowed, but visible. */
    reused: boundWorkflows.length > 1,
    entitlements: grants,
    credentials: creds,
    findings: openFindings,
    history,
  };
}
export type IdentityDetail = Awaited<ReturnType<typeof getIdentity>>;
