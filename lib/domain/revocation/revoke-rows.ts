import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { credentials, entitlements, revocations } from "@/db/schema";
import type { REVOCATION_TARGETS } from "@/db/schema/enums";
import type { Actor } from "@/lib/domain/actor";

import { UNDO_WINDOW_MS } from "@/lib/validation/common";

type EntitlementRow = typeof entitlements.$inferSelect;
type CredentialRow = typeof credentials.$inferSelect;

/**
 * The revoke primitive every revocation path shares (entitlement, credential,
 * NHI, workflow kill switch, retirement, review decisions). It revokes only
 * what is still live — revoking twice is a no-op — and records the exact prior
 * state of each row so an Undo can restore it.
 */
export async function revokeRows(
  tx: Transaction,
  actor: Actor,
  target: { type: (typeof REVOCATION_TARGETS)[number]; id: string; workflowId: string | null },
  rows: { entitlementIds: string[]; credentialIds: string[] },
  reason: string,
  extraPriorState: Record<string, unknown> = {},
) {
  const revokedEntitlements: EntitlementRow[] = rows.entitlementIds.length
    ? await tx
        .select()
        .from(entitlements)
        .where(and(inArray(entitlements.id, rows.entitlementIds), inArray(entitlements.status, ["pending", "active"])))
        .for("update")
    : [];
  const revokedCredentials: CredentialRow[] = rows.credentialIds.length
    ? await tx
        .select()
        .from(credentials)
        .where(and(inArray(credentials.id, rows.credentialIds), eq(credentials.status, "active")))
        .for("update")
    : [];
  if (revokedEntitlements.length === 0 && revokedCredentials.length === 0 && Object.keys(extraPriorState).length === 0) return null;
  // Taken once the rows are locked, so revocations of one row are timestamped in the order they happen.
  const now = new Date();

  if (revokedEntitlements.length) {
    await tx
      .update(entitlements)
      .set({ status: "revoked", revokedAt: now, revokedById: actor.userId, revokeReason: reason, updatedAt: now })
      .where(inArray(entitlements.id, revokedEntitlements.map((e) => e.id)));
  }
  if (revokedCredentials.length) {
    await tx
      .update(credentials)
      .set({ status: "revoked", revokedAt: now, revokedById: actor.userId, revokeReason: reason, updatedAt: now })
      .where(inArray(credentials.id, revokedCredentials.map((c) => c.id)));
  }
  const [revocation] = await tx
    .insert(revocations)
    .values({
      targetType: target.type,
      targetId: target.id,
      workflowId: target.workflowId,
      actorId: actor.userId,
      reason,
      priorState: {
        ...extraPriorState,
        entitlements: revokedEntitlements.map((e) => ({ id: e.id, status: e.status })),
        credentials: revokedCredentials.map((c) => ({ id: c.id, status: c.status })),
      },
      undoUntil: new Date(now.getTime() + UNDO_WINDOW_MS),
      createdAt: now,
    })
    .returning();
  return { revocation: revocation!, entitlements: revokedEntitlements, credentials: revokedCredentials };
}

/** Credentials that exist only for a workflow: scoped to its entitlements, or held by NHIs serving nothing else. */
export function workflowCredentialIdsSql(workflowId: string) {
  return sql`select c.id from credentials c
    where c.status = 'active' and (
      c.entitlement_id in (select id from entitlements where workflow_id = ${workflowId})
      or c.nhi_id in (
        select b.nhi_id from workflow_nhis b where b.workflow_id = ${workflowId}
          and not exists (select 1 from workflow_nhis o join workflows ow on ow.id = o.workflow_id
                          where o.nhi_id = b.nhi_id and o.workflow_id <> ${workflowId} and ow.status <> 'retired')))`;
}
