import { and, lt, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { idempotencyKeys, userSessions } from "@/db/schema";

/** Housekeeping: forget long-ended sessions and stale idempotency records. */
export async function sweepSessions() {
  const dayAgo = new Date(Date.now() - 86_400_000);
  const ended = await db
    .delete(userSessions)
    .where(or(lt(userSessions.expiresAt, dayAgo), and(sql`${userSessions.endedAt} is not null`, lt(userSessions.endedAt, dayAgo))))
    .returning({ id: userSessions.id });
  const keys = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, dayAgo)).returning({ key: idempotencyKeys.key });
  return { sessions: ended.length, idempotencyKeys: keys.length };
}
