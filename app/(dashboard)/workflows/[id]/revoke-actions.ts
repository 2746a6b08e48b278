"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { revokeCredential } from "@/lib/domain/credentials/manage-credentials";
import { type RevokeOutcome, revokeAllForWorkflow, revokeEntitlement, revokeIdentity } from "@/lib/domain/revocation/revoke-access";
import { restoreRevocation } from "@/lib/domain/revocation/restore-revocation";
import { getAccessMap } from "@/lib/domain/workflows/get-access-map";
import { isAppError } from "@/lib/errors";
import { action } from "@/lib/server/action";
import { reason, uuid } from "@/lib/validation/common";

const revokeById = z.object({ id: uuid, reason }).strict();

/** Every page that shows revocable access reads the rows a revoke or an undo just changed. */
function revalidateRevocation() {
  revalidatePath("/workflows/[id]", "page");
  revalidatePath("/identities/[id]", "page");
  revalidatePath("/");
}

function outcomeOf(outcome: RevokeOutcome): RevokeOutcome {
  const { revoked, revocationId, undoUntil, entitlements, credentials, deliveries } = outcome;
  return { revoked, revocationId, undoUntil, entitlements, credentials, deliveries };
}

/** The shared view's data, so the client can refetch it after an optimistic revoke. */
export const getAccessMapAction = action(
  "shared_view.access_map",
  "entitlements.read",
  z.object({ workflowId: uuid }).strict(),
  async (actor, { workflowId }) => getAccessMap(actor, workflowId),
);

export const revokeEntitlementAction = action("shared_view.revoke_entitlement", "access.revoke", revokeById, async (actor, { id, reason }) => {
  const outcome = await revokeEntitlement(actor, id, reason);
  revalidateRevocation();
  return outcomeOf(outcome);
});

export const revokeCredentialFromViewAction = action("shared_view.revoke_credential", "access.revoke", revokeById, async (actor, { id, reason }) => {
  const outcome = await revokeCredential(actor, id, reason);
  revalidateRevocation();
  return outcomeOf(outcome);
});

export const revokeIdentityAction = action("identities.revoke", "access.revoke", revokeById, async (actor, { id, reason }) => {
  const outcome = await revokeIdentity(actor, id, reason);
  revalidateRevocation();
  return outcomeOf(outcome);
});

/** The kill switch: every entitlement and credential of the workflow. */
export const revokeAllForWorkflowAction = action("workflows.revoke_all", "access.revoke", revokeById, async (actor, { id, reason }) => {
  const outcome = await revokeAllForWorkflow(actor, id, reason);
  revalidateRevocation();
  return outcomeOf(outcome);
});

export type RestoreStatus = "restored" | "already_restored" | "window_passed" | "conflict";

/**
 * Undo within the 30-second window. A 409 is an expected answer here, not a
 * failure of the action, so it comes back as a status the toast can word.
 */
export const restoreRevocationAction = action(
  "revocations.restore",
  "access.revoke",
  z.object({ id: uuid }).strict(),
  async (actor, { id }): Promise<{ status: RestoreStatus; message: string | null; entitlements: number; credentials: number }> => {
    try {
      const result = await restoreRevocation(actor, id);
      revalidateRevocation();
      return {
        status: result.restored ? "restored" : "already_restored",
        message: null,
        entitlements: result.entitlements,
        credentials: result.credentials,
      };
    } catch (error) {
      if (!isAppError(error) || error.code !== "conflict") throw error;
      const windowPassed = /undo window/i.test(error.message);
      return { status: windowPassed ? "window_passed" : "conflict", message: error.message, entitlements: 0, credentials: 0 };
    }
  },
);
