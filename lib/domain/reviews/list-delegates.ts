import { and, asc, eq, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { entitlements, reviewItems, users } from "@/db/schema";
import { ROLE_PERMISSIONS, requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";

/** Roles whose holders may decide reviews, read from the permission table rather than repeated here. */
const DECIDING_ROLES = Object.entries(ROLE_PERMISSIONS)
  .filter(([, permissions]) => permissions.includes("reviews.decide"))
  .map(([role]) => role);

/**
 * Who the reviewer of an item may delegate it to: active users who may decide
 * reviews and did not request or approve the grant on the identity side
 * (separation of duties); identity-stage items only to identity owners. The
 * decision re-checks all of this; the list only spares a doomed choice.
 */
export async function listDelegateCandidates(actor: Actor, itemId: string, limit = 200) {
  requirePermission(actor, "reviews.decide");
  const [item] = await db
    .select({ reviewerId: reviewItems.reviewerId, stage: reviewItems.stage, requestedById: entitlements.requestedById, identityApprovedById: entitlements.identityApprovedById })
    .from(reviewItems)
    .innerJoin(entitlements, eq(entitlements.id, reviewItems.entitlementId))
    .where(eq(reviewItems.id, itemId));
  if (!item || item.reviewerId !== actor.userId) throw AppError.notFound("Review item");
  const roles = item.stage === "identity_owner" ? ["identity_owner"] : DECIDING_ROLES;
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        ne(users.id, actor.userId!),
        sql`${users.roles} && ${`{${roles.join(",")}}`}::role[]`,
        item.requestedById ? ne(users.id, item.requestedById) : undefined,
        item.identityApprovedById ? ne(users.id, item.identityApprovedById) : undefined,
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit);
}
