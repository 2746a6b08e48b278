import crypto from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { userSessions, users } from "@/db/schema";
import { type Actor, userActor } from "@/lib/domain/actor";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Opens a server-side session for a user who just signed in; the JWT carries only its id. */
export async function openSession(userId: string): Promise<string> {
  const id = crypto.randomBytes(24).toString("base64url");
  await db.insert(userSessions).values({ id, userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS) });
  return id;
}

export async function endSession(id: string): Promise<void> {
  await db.update(userSessions).set({ endedAt: new Date() }).where(and(eq(userSessions.id, id), isNull(userSessions.endedAt)));
}

/** The actor behind a session id, or null when the session ended, expired or the user was deactivated. */
export async function resolveSession(id: string, requestId?: string): Promise<Actor | null> {
  const now = new Date();
  const [row] = await db
    .select({ id: users.id, email: users.email, roles: users.roles, lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, id), isNull(userSessions.endedAt), gt(userSessions.expiresAt, now), eq(users.active, true)));
  if (!row) return null;
  if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, id));
  }
  return userActor(row, { requestId });
}

/** Finds the active user a sign-in is for; provisioning is an admin's job, not the IdP's. */
export async function findActiveUserByEmail(email: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, roles: users.roles })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, eq(users.active, true)));
  return row ?? null;
}
