import { eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";

export type WorkflowRow = typeof workflows.$inferSelect;

/**
 * Object-level rules for workflows (DESIGN.md "People"): the business owner
 * owns the business fields of *their* workflows; identity owners own the
 * technical fields; auditors only read. System jobs act on anything.
 */
export function isAccountableBusinessOwner(actor: Actor, workflow: Pick<WorkflowRow, "businessOwnerId">): boolean {
  return actor.userId !== null && workflow.businessOwnerId === actor.userId && hasRole(actor, "business_owner");
}

export function assertMayEditBusinessFields(actor: Actor, workflow: WorkflowRow) {
  requirePermission(actor, "workflows.write");
  if (actor.kind === "system" || isAccountableBusinessOwner(actor, workflow)) return;
  throw AppError.forbidden("Only the workflow's business owner can change its purpose, data sets, escalation path or autonomy");
}

/** Cadence and identity owner: identity owners, or the business owner while the workflow is a draft. */
export function assertMayEditTechnicalFields(actor: Actor, workflow: WorkflowRow) {
  requirePermission(actor, "workflows.write");
  if (actor.kind === "system" || hasRole(actor, "identity_owner")) return;
  if (workflow.status === "draft" && isAccountableBusinessOwner(actor, workflow)) return;
  throw AppError.forbidden("Only identity owners can change the review cadence or the identity owner");
}

/** Activate, suspend, retire: the accountable business owner or any identity owner. */
export function assertMayRunLifecycle(actor: Actor, workflow: WorkflowRow) {
  requirePermission(actor, "workflows.lifecycle");
  if (actor.kind === "system" || hasRole(actor, "identity_owner") || isAccountableBusinessOwner(actor, workflow)) return;
  throw AppError.forbidden("Only the workflow's business owner or an identity owner can change its lifecycle");
}

export async function lockWorkflow(tx: Transaction, id: string): Promise<WorkflowRow> {
  const [row] = await tx.select().from(workflows).where(eq(workflows.id, id)).for("update");
  if (!row) throw AppError.notFound("Workflow");
  return row;
}

export function assertNotRetired(workflow: WorkflowRow) {
  if (workflow.status === "retired") throw AppError.conflict("The workflow is retired; retired workflows cannot change");
}
