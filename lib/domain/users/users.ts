import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { type Transaction, db } from "@/db";
import { userSessions, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/domain/db-errors";
import { AppError } from "@/lib/errors";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import type { CreateUserInput, UpdateUserInput, listUsersQuery } from "@/lib/validation/users";
import { announceCallerChange } from "@/lib/domain/api-keys/caller-changes";

export type UserRow = typeof users.$inferSelect;
export type PublicUser = Pick<UserRow, "id" | "email" | "name" | "roles" | "active" | "deactivatedAt" | "createdAt">;

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  roles: users.roles,
  active: users.active,
  deactivatedAt: users.deactivatedAt,
  createdAt: users.createdAt,
};

const cursorShape = z.object({ email: z.string(), id: z.string() });

export async function listUsers(actor: Actor, query: z.infer<typeof listUsersQuery>): Promise<Page<PublicUser>> {
  requirePermission(actor, "users.read");
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await db
    .select(publicColumns)
    .from(users)
    .where(
      and(
        query.q ? or(ilike(users.email, `%${query.q}%`), ilike(users.name, `%${query.q}%`)) : undefined,
        query.role ? sql`${query.role} = any(${users.roles})` : undefined,
        query.active ? eq(users.active, query.active === "true") : undefined,
        after ? sql`(${users.email}, ${users.id}) > (${after.email}, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(users.email), asc(users.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor({ email: last.email, id: last.id }) : null };
}

export async function getUser(actor: Actor, id: string): Promise<PublicUser> {
  requirePermission(actor, "users.read");
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  if (!row) throw AppError.notFound("User");
  return row;
}

export async function createUser(actor: Actor, input: CreateUserInput): Promise<PublicUser> {
  requirePermission(actor, "users.manage");
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values(input).returning(publicColumns);
      if (!user) throw new Error("insert returned no row");
      await recordAuditEvent(tx, actor, {
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        after: { email: user.email, name: user.name, roles: user.roles },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "A user with this e-mail already exists", [
        { path: "email", message: "is already in use" },
      ]);
    }
    throw error;
  }
}

/**
 * Changes name, roles or active flag. Deactivation ends the user's sessions at
 * once; their API keys stop working because key auth requires an active user.
 */
export async function updateUser(actor: Actor, id: string, input: UpdateUserInput): Promise<PublicUser> {
  requirePermission(actor, "users.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select(publicColumns).from(users).where(eq(users.id, id)).for("update");
    if (!before) throw AppError.notFound("User");
    if (id === actor.userId && (input.active === false || (input.roles && !input.roles.includes("admin")))) {
      throw AppError.conflict("You cannot deactivate yourself or remove your own admin role");
    }
    await refuseRemovingLastAdmin(tx, before, input);

    const deactivating = input.active === false && before.active;
    const [after] = await tx
      .update(users)
      .set({
        name: input.name,
        roles: input.roles,
        active: input.active,
        deactivatedAt: input.active === undefined ? undefined : input.active ? null : (before.deactivatedAt ?? new Date()),
        updatedAt: new Date(),
      })
      .where(eq(users.id, id))
      .returning(publicColumns);
    if (!after) throw AppError.notFound("User");
    if (deactivating) {
      await tx
        .update(userSessions)
        .set({ endedAt: new Date() })
        .where(and(eq(userSessions.userId, id), sql`${userSessions.endedAt} is null`));
    }
    // Roles or activation changed what this user's API keys may do.
    await announceCallerChange(tx);
    await recordAuditEvent(tx, actor, {
      action: deactivating ? "user.deactivated" : input.active && !before.active ? "user.reactivated" : "user.updated",
      targetType: "user",
      targetId: id,
      reason: input.reason,
      before: { name: before.name, roles: before.roles, active: before.active },
      after: { name: after.name, roles: after.roles, active: after.active },
    });
    return after;
  });
}

async function refuseRemovingLastAdmin(
  tx: Transaction,
  before: PublicUser,
  input: UpdateUserInput,
) {
  const losesAdmin =
    before.roles.includes("admin") && before.active && (input.active === false || (input.roles && !input.roles.includes("admin")));
  if (!losesAdmin) return;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.active, true), sql`'admin' = any(${users.roles})`));
  if ((row?.n ?? 0) <= 1) throw AppError.conflict("At least one active admin must remain");
}

/** Users who can be picked as owners, reviewers or escalation steps. */
export async function listActiveUsersBrief(actor: Actor) {
  requirePermission(actor, "users.read");
  return db
    .select({ id: users.id, name: users.name, email: users.email, roles: users.roles })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
}

