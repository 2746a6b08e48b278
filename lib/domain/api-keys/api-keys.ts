import crypto from "node:crypto";
import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { db } from "@/db";
import { apiKeys, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { type Actor, userActor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { CreateApiKeyInput } from "@/lib/validation/api-keys";
import { announceCallerChange } from "./caller-changes";

const KEY_PREFIX = "cs_";

/**
 * Keys carry 256 bits of randomness, so a plain SHA-256 is a safe verifier
 * (no salt or slow hash needed, unlike passwords) and allows an indexed lookup.
 */
export function hashApiKey(key: string): string {
  // The one-shot crypto.hash (Node ≥ 20.12) skips the Hash object: this runs on every call to the decision point.
  return typeof crypto.hash === "function" ? crypto.hash("sha256", key, "hex") : crypto.createHash("sha256").update(key).digest("hex");
}

const listColumns = {
  id: apiKeys.id,
  userId: apiKeys.userId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
};

/** Creates a key and returns it once; only its hash and display prefix are kept. */
export async function createApiKey(actor: Actor, input: CreateApiKeyInput) {
  requirePermission(actor, "api_keys.manage");
  const key = `${KEY_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [owner] = await tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, input.userId));
    if (!owner) throw AppError.invalid("userId", "no such user");
    if (!owner.active) throw AppError.invalid("userId", "the user is deactivated");
    const [row] = await tx
      .insert(apiKeys)
      .values({
        userId: input.userId,
        name: input.name,
        prefix: key.slice(0, KEY_PREFIX.length + 6),
        keyHash: hashApiKey(key),
        scopes: input.scopes,
        expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
      })
      .returning(listColumns);
    if (!row) throw new Error("insert returned no row");
    await recordAuditEvent(tx, actor, {
      action: "api_key.created",
      targetType: "api_key",
      targetId: row.id,
      after: { userId: row.userId, name: row.name, prefix: row.prefix, scopes: row.scopes, expiresAt: row.expiresAt },
    });
    return { ...row, key };
  });
}

export async function listApiKeys(actor: Actor) {
  requirePermission(actor, "api_keys.manage");
  return db
    .select({ ...listColumns, userEmail: users.email })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(actor: Actor, id: string, reason?: string) {
  requirePermission(actor, "api_keys.manage");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning(listColumns);
    if (!row) {
      const [exists] = await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id));
      if (!exists) throw AppError.notFound("API key");
      return null; // already revoked: a no-op
    }
    await announceCallerChange(tx);
    await recordAuditEvent(tx, actor, {
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: id,
      reason,
      after: { prefix: row.prefix },
    });
    return row;
  });
}

const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Resolves a bearer key to an actor: unknown, revoked, expired keys and keys
 * of deactivated users all fail the same way (no oracle for which it was).
 */
export async function authenticateApiKey(key: string, requestId?: string): Promise<Actor | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const now = new Date();
  const [row] = await db
    .select({
      id: apiKeys.id,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      user: { id: users.id, email: users.email, roles: users.roles },
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(
        eq(apiKeys.keyHash, hashApiKey(key)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
        eq(users.active, true),
      ),
    );
  if (!row) return null;
  // Coarse last-used tracking keeps hot keys (the runtime API) from writing on every call.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, row.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_GRANULARITY_MS))),
        ),
      );
  }
  return userActor(row.user, { scopes: row.scopes, apiKeyId: row.id, requestId });
}
