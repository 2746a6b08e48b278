import { inArray } from "drizzle-orm";
import type { Transaction } from "@/db";
import { workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";

/**
 * Who may pull access (DESIGN.md "Revocation"): any identity owner, and both
 * accountable owners of every workflow the access serves.
 */
export async function assertMayRevoke(tx: Transaction, actor: Actor, workflowIds: string[]) {
  requirePermission(actor, "access.revoke");
  if (actor.kind === "system" || hasRole(actor, "identity_owner")) return;
  const owned = workflowIds.length
    ? await tx
        .select({ id: workflows.id, business: workflows.businessOwnerId, identity: workflows.identityOwnerId })
        .from(workflows)
        .where(inArray(workflows.id, workflowIds))
    : [];
  const ownsAll = owned.length > 0 && owned.every((w) => w.business === actor.userId || w.identity === actor.userId);
  if (!ownsAll) throw AppError.forbidden("Only identity owners and the owners of the workflow can revoke this access");
}
