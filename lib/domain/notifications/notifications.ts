import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";

function requireUser(actor: Actor): string {
  if (!actor.userId) throw AppError.forbidden("Only users have an inbox");
  return actor.userId;
}

/** A user's inbox: only their own notifications are ever visible. */
export async function listMyNotifications(actor: Actor, options: { unreadOnly?: boolean; limit?: number } = {}) {
  const userId = requireUser(actor);
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), options.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(options.limit ?? 100);
}

export async function countMyUnreadNotifications(actor: Actor): Promise<number> {
  if (!actor.userId) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/**
 * Marks some (or all) of the caller's notifications read; others' rows are never
 * touched. Not audited: read state is personal inbox housekeeping, not a
 * governance change.
 */
export async function markMyNotificationsRead(actor: Actor, ids?: string[]) {
  const userId = requireUser(actor);
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
    .returning({ id: notifications.id });
  return { marked: updated.length };
}
