import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { accessExceptions, dataSets, workflowEscalationSteps, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { refreshApprovalCoverage } from "@/lib/domain/approvals/coverage";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { notify } from "@/lib/domain/notifications/notify";
import { inTransaction } from "@/lib/domain/workflows/dry-run";
import { AppError } from "@/lib/errors";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import type { ListExceptionsQuery, RequestExceptionInput } from "@/lib/validation/exceptions";

/** Asks the workflow's business owner for access outside its approved data sets, with a reason and an expiry. */
export async function requestException(actor: Actor, input: RequestExceptionInput) {
  requirePermission(actor, "exceptions.request");
  return inTransaction(false, async (tx) => {
    const [workflow] = await tx.select().from(workflows).where(eq(workflows.id, input.workflowId));
    if (!workflow) throw AppError.invalid("workflowId", "no such workflow");
    if (workflow.status === "retired") throw AppError.conflict("The workflow is retired");
    const [dataSet] = await tx.select({ id: dataSets.id, name: dataSets.name }).from(dataSets).where(eq(dataSets.id, input.dataSetId));
    if (!dataSet) throw AppError.invalid("dataSetId", "no such data set");
    const [created] = await tx
      .insert(accessExceptions)
      .values({ ...input, requestedById: actor.userId, status: "pending" })
      .returning();
    await notify(tx, [
      {
        userId: workflow.businessOwnerId === actor.userId ? null : workflow.businessOwnerId,
        kind: "exception.requested",
        title: `Exception requested on “${workflow.name}”`,
        body: `${input.actions.join(", ")} on ${dataSet.name} until ${input.expiresAt.toISOString().slice(0, 10)}: ${input.reason}`,
        link: `/workflows/${workflow.id}`,
      },
    ]);
    await recordAuditEvent(tx, actor, {
      action: "exception.requested",
      targetType: "exception",
      targetId: created!.id,
      reason: input.reason,
      after: { workflowId: input.workflowId, dataSetId: input.dataSetId, actions: input.actions, expiresAt: input.expiresAt },
    });
    return created!;
  });
}

/**
 * The workflow's business owner (or a delegate on its escalation path)
 * decides; nobody decides an exception they requested themselves.
 */
export async function decideException(actor: Actor, id: string, decision: "approved" | "denied", comment?: string) {
  requirePermission(actor, "exceptions.approve");
  return inTransaction(false, async (tx) => {
    const [exception] = await tx.select().from(accessExceptions).where(eq(accessExceptions.id, id)).for("update");
    if (!exception) throw AppError.notFound("Exception");
    const [workflow] = await tx.select().from(workflows).where(eq(workflows.id, exception.workflowId));
    const delegates = await tx
      .select({ userId: workflowEscalationSteps.userId })
      .from(workflowEscalationSteps)
      .where(eq(workflowEscalationSteps.workflowId, exception.workflowId));
    const mayDecide = workflow?.businessOwnerId === actor.userId || delegates.some((d) => d.userId === actor.userId);
    if (!mayDecide) throw AppError.forbidden("Only the workflow's business owner or an escalation delegate decides exceptions");
    if (workflow?.status === "retired") throw AppError.conflict("The workflow is retired");
    if (exception.requestedById === actor.userId) throw AppError.forbidden("Nobody decides an exception they requested");
    if (exception.status !== "pending") {
      if (exception.status === decision) return exception; // a double click is a no-op
      throw AppError.conflict(`The exception was already ${exception.status}`);
    }
    if (decision === "approved" && exception.expiresAt.getTime() <= Date.now()) throw AppError.conflict("The exception has already expired");
    const [after] = await tx
      .update(accessExceptions)
      .set({ status: decision, decidedById: actor.userId, decidedAt: new Date(), decisionComment: comment ?? null })
      .where(eq(accessExceptions.id, id))
      .returning();
    await refreshApprovalCoverage(tx, exception.workflowId);
    await notify(tx, [
      {
        userId: exception.requestedById,
        kind: `exception.${decision}`,
        title: `Your exception on “${workflow?.name}” was ${decision}`,
        body: comment ?? "",
        link: `/workflows/${exception.workflowId}`,
      },
    ]);
    await recordAuditEvent(tx, actor, {
      action: `exception.${decision}`,
      targetType: "exception",
      targetId: id,
      reason: comment,
      before: { status: exception.status },
      after: { status: decision, workflowId: exception.workflowId },
    });
    return after!;
  });
}

const cursorShape = z.object({ createdAt: z.string(), id: z.uuid() });
// Cursors carry milliseconds; compare at that precision so same-millisecond rows are not skipped.
const createdMs = sql`date_trunc('milliseconds', ${accessExceptions.createdAt})`;

export async function listExceptions(actor: Actor, query: ListExceptionsQuery): Promise<Page<typeof accessExceptions.$inferSelect>> {
  requirePermission(actor, "workflows.read");
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await db
    .select()
    .from(accessExceptions)
    .where(
      and(
        query.workflowId ? eq(accessExceptions.workflowId, query.workflowId) : undefined,
        query.status ? eq(accessExceptions.status, query.status) : undefined,
        after ? sql`(${createdMs}, ${accessExceptions.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(createdMs), desc(accessExceptions.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
