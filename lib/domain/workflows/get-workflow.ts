import { aliasedTable, asc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { accessExceptions, dataSets, entitlements, users, workflowDataSets, workflowEscalationSteps, workflowNhis, workflows } from "@/db/schema";
import { can, requirePermission } from "@/lib/auth/permissions";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { isAccountableBusinessOwner } from "./workflow-access";

const businessOwners = aliasedTable(users, "business_owner");
const identityOwners = aliasedTable(users, "identity_owner");
const person = (t: typeof businessOwners) => ({ id: t.id, name: t.name, email: t.email, active: t.active });

/** One workflow with everything the Task section shows, and what the caller may do to it. */
export async function getWorkflow(actor: Actor, id: string) {
  requirePermission(actor, "workflows.read");
  const [row] = await db
    .select({ workflow: workflows, businessOwner: person(businessOwners), identityOwner: person(identityOwners) })
    .from(workflows)
    .leftJoin(businessOwners, eq(businessOwners.id, workflows.businessOwnerId))
    .leftJoin(identityOwners, eq(identityOwners.id, workflows.identityOwnerId))
    .where(eq(workflows.id, id));
  if (!row) throw AppError.notFound("Workflow");

  const [approved, escalation, exceptions, counts] = await Promise.all([
    db
      .select({
        dataSetId: workflowDataSets.dataSetId,
        actions: workflowDataSets.actions,
        justification: workflowDataSets.justification,
        name: dataSets.name,
        system: dataSets.system,
        sensitivity: dataSets.sensitivity,
        environment: dataSets.environment,
      })
      .from(workflowDataSets)
      .innerJoin(dataSets, eq(dataSets.id, workflowDataSets.dataSetId))
      .where(eq(workflowDataSets.workflowId, id))
      .orderBy(asc(dataSets.name)),
    db
      .select({ position: workflowEscalationSteps.position, id: users.id, name: users.name, email: users.email, active: users.active })
      .from(workflowEscalationSteps)
      .innerJoin(users, eq(users.id, workflowEscalationSteps.userId))
      .where(eq(workflowEscalationSteps.workflowId, id))
      .orderBy(asc(workflowEscalationSteps.position)),
    db
      .select({
        id: accessExceptions.id,
        dataSetId: accessExceptions.dataSetId,
        dataSetName: dataSets.name,
        actions: accessExceptions.actions,
        reason: accessExceptions.reason,
        status: accessExceptions.status,
        expiresAt: accessExceptions.expiresAt,
        requestedById: accessExceptions.requestedById,
        decidedAt: accessExceptions.decidedAt,
        createdAt: accessExceptions.createdAt,
      })
      .from(accessExceptions)
      .innerJoin(dataSets, eq(dataSets.id, accessExceptions.dataSetId))
      .where(eq(accessExceptions.workflowId, id))
      .orderBy(sql`${accessExceptions.createdAt} desc`),
    db
      .select({
        identities: sql<number>`(select count(*)::int from ${workflowNhis} where ${workflowNhis.workflowId} = ${id})`,
        activeEntitlements: sql<number>`count(*) filter (where ${entitlements.status} = 'active')::int`,
        pendingEntitlements: sql<number>`count(*) filter (where ${entitlements.status} = 'pending')::int`,
        exceedingEntitlements: sql<number>`count(*) filter (where ${entitlements.status} in ('pending','active') and ${entitlements.exceedsApprovalSince} is not null)::int`,
      })
      .from(entitlements)
      .where(eq(entitlements.workflowId, id)),
  ]);

  const { workflow } = row;
  const businessOwner = row.businessOwner?.id ? row.businessOwner : null;
  const identityOwner = row.identityOwner?.id ? row.identityOwner : null;
  const isBusinessOwner = isAccountableBusinessOwner(actor, workflow);
  const isIdentityOwner = hasRole(actor, "identity_owner");
  const live = workflow.status !== "retired";
  return {
    ...workflow,
    businessOwner,
    identityOwner,
    dataSets: approved,
    escalationPath: escalation,
    exceptions: exceptions.map((e) => ({ ...e, expired: e.expiresAt.getTime() <= Date.now() })),
    counts: counts[0] ?? { identities: 0, activeEntitlements: 0, pendingEntitlements: 0, exceedingEntitlements: 0 },
    /** Who is accountable for each control decision (DESIGN.md invariant 6). */
    accountability: [
      { control: "Purpose", owner: businessOwner },
      { control: "Data approval", owner: businessOwner },
      { control: "Entitlement design", owner: identityOwner },
      { control: "Review cadence", owner: identityOwner },
      { control: "Revocation", owner: businessOwner, alsoIdentityOwners: true },
    ],
    may: {
      editBusiness: live && (isBusinessOwner || actor.kind === "system"),
      editTechnical: live && (isIdentityOwner || (workflow.status === "draft" && isBusinessOwner)),
      lifecycle: live && (isBusinessOwner || isIdentityOwner),
      transferBusiness: live && (isBusinessOwner || (isIdentityOwner && !businessOwner?.active)),
      transferIdentity: live && (isBusinessOwner || isIdentityOwner),
      approveExceptions: live && can(actor, "exceptions.approve") && (isBusinessOwner || escalation.some((s) => s.id === actor.userId)),
    },
  };
}
export type WorkflowDetail = Awaited<ReturnType<typeof getWorkflow>>;
