"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { approveEntitlement, denyEntitlement } from "@/lib/domain/entitlements/decide-entitlement";
import { requestEntitlement } from "@/lib/domain/entitlements/request-entitlement";
import { getWorkflow } from "@/lib/domain/workflows/get-workflow";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";
import { approveEntitlementInput, denyEntitlementInput, requestEntitlementInput } from "@/lib/validation/entitlements";

type Grant = { nhiId: string; workflowId: string };

function revalidateGrant(grant: Grant) {
  revalidatePath("/requests");
  // The Overview's "Needs your action" card lists the same requests.
  revalidatePath("/");
  revalidatePath(`/identities/${grant.nhiId}`);
  revalidatePath(`/workflows/${grant.workflowId}`);
}

export type RequestableDataSet = {
  id: string;
  name: string;
  sensitivity: "public" | "internal" | "confidential" | "restricted" | null;
  actions: ("read" | "write" | "delete" | "admin")[];
  /** True when (part of) the access comes from an approved, unexpired exception rather than the approval itself. */
  viaException: boolean;
};

/** What a request for this workflow may ask for: its approved data sets, widened by approved, unexpired exceptions. */
export const requestOptionsAction = action(
  "entitlements.request_options",
  "entitlements.request",
  z.object({ workflowId: uuid }),
  async (actor, { workflowId }) => {
    const workflow = await getWorkflow(actor, workflowId);
    const byId = new Map<string, RequestableDataSet>(
      workflow.dataSets.map((d) => [d.dataSetId, { id: d.dataSetId, name: d.name, sensitivity: d.sensitivity, actions: [...d.actions], viaException: false }]),
    );
    for (const e of workflow.exceptions) {
      if (e.status !== "approved" || e.expired) continue;
      const entry = byId.get(e.dataSetId) ?? { id: e.dataSetId, name: e.dataSetName, sensitivity: null, actions: [], viaException: false };
      const extra = e.actions.filter((a) => !entry.actions.includes(a));
      if (extra.length) byId.set(e.dataSetId, { ...entry, actions: [...entry.actions, ...extra], viaException: true });
    }
    return { dataSets: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name)) };
  },
);

export const requestEntitlementAction = action(
  "entitlements.request",
  "entitlements.request",
  requestEntitlementInput,
  async (actor, input) => {
    const grant = await requestEntitlement(actor, input);
    revalidateGrant(grant);
    return { id: grant.id, status: grant.status };
  },
);

// Which side the caller may sign depends on the side and the workflow, so the domain checks the permission.
export const approveEntitlementAction = action(
  "entitlements.approve",
  "authenticated",
  approveEntitlementInput.extend({ id: uuid }),
  async (actor, { id, side, comment }) => {
    const grant = await approveEntitlement(actor, id, side, comment);
    revalidateGrant(grant);
    return { id: grant.id, status: grant.status };
  },
);

export const denyEntitlementAction = action(
  "entitlements.deny",
  "authenticated",
  denyEntitlementInput.extend({ id: uuid }),
  async (actor, { id, side, comment }) => {
    const grant = await denyEntitlement(actor, id, side, comment);
    revalidateGrant(grant);
    return { id: grant.id, status: grant.status };
  },
);
