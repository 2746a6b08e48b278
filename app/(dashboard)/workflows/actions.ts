"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { decideException, requestException } from "@/lib/domain/exceptions/exceptions";
import { createWorkflow } from "@/lib/domain/workflows/create-workflow";
import { activateWorkflow, retireWorkflow, suspendWorkflow } from "@/lib/domain/workflows/lifecycle";
import { transferWorkflowOwnership } from "@/lib/domain/workflows/transfer-ownership";
import { updateWorkflow } from "@/lib/domain/workflows/update-workflow";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";
import { decideExceptionInput, requestExceptionInput } from "@/lib/validation/exceptions";
import { createWorkflowInput, lifecycleInput, transferOwnershipInput, updateWorkflowInput } from "@/lib/validation/workflows";

function revalidateWorkflow(id: string) {
  revalidatePath("/workflows");
  revalidatePath(`/workflows/${id}`);
  // The overview's workflow matrix and ownerless counts read the same rows.
  revalidatePath("/");
}

export const createWorkflowAction = action("workflows.create", "workflows.write", createWorkflowInput, async (actor, input) => {
  const workflow = await createWorkflow(actor, input);
  revalidateWorkflow(workflow.id);
  return { id: workflow.id, name: workflow.name };
});

const updateWithId = updateWorkflowInput.extend({ id: uuid });

/** Runs the real update and rolls it back, so the review dialog shows exactly what saving will do. */
export const previewWorkflowUpdateAction = action(
  "workflows.preview_update",
  "workflows.write",
  updateWithId,
  async (actor, { id, ...changes }) => (await updateWorkflow(actor, id, changes, { dryRun: true })).impact,
);

export const updateWorkflowAction = action("workflows.update", "workflows.write", updateWithId, async (actor, { id, ...changes }) => {
  const { workflow, impact } = await updateWorkflow(actor, id, changes);
  revalidateWorkflow(id);
  return { id, name: workflow.name, impact };
});

const lifecycleWithId = lifecycleInput.extend({ id: uuid });

export const activateWorkflowAction = action("workflows.activate", "workflows.lifecycle", lifecycleWithId, async (actor, { id, reason }) => {
  const workflow = await activateWorkflow(actor, id, reason);
  revalidateWorkflow(id);
  return { status: workflow.status };
});

export const suspendWorkflowAction = action("workflows.suspend", "workflows.lifecycle", lifecycleWithId, async (actor, { id, reason }) => {
  const workflow = await suspendWorkflow(actor, id, reason);
  revalidateWorkflow(id);
  return { status: workflow.status };
});

/** What retiring would revoke, from the same code path as the retirement itself (rolled back). */
export const previewRetireWorkflowAction = action(
  "workflows.preview_retire",
  "workflows.lifecycle",
  z.object({ id: uuid }).strict(),
  async (actor, { id }) => (await retireWorkflow(actor, id, { dryRun: true })).revoked,
);

export const retireWorkflowAction = action("workflows.retire", "workflows.lifecycle", lifecycleWithId, async (actor, { id, reason }) => {
  const { revoked } = await retireWorkflow(actor, id, { reason });
  revalidateWorkflow(id);
  return { entitlements: revoked.entitlements.length, credentials: revoked.credentials.length };
});

export const transferWorkflowOwnershipAction = action(
  "workflows.transfer",
  "workflows.transfer",
  transferOwnershipInput.extend({ id: uuid }),
  async (actor, { id, ...input }) => {
    await transferWorkflowOwnership(actor, id, input);
    revalidateWorkflow(id);
    return { side: input.side };
  },
);

export const requestExceptionAction = action("exceptions.request", "exceptions.request", requestExceptionInput, async (actor, input) => {
  const exception = await requestException(actor, input);
  revalidatePath(`/workflows/${input.workflowId}`);
  return { id: exception.id };
});

export const decideExceptionAction = action(
  "exceptions.decide",
  "exceptions.approve",
  decideExceptionInput.extend({ id: uuid, decision: z.enum(["approved", "denied"]) }),
  async (actor, { id, decision, comment }) => {
    const exception = await decideException(actor, id, decision, comment);
    revalidatePath(`/workflows/${exception.workflowId}`);
    return { status: exception.status };
  },
);
