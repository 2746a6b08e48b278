import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import { apiKeyScopeEnum, roleEnum } from "./enums";

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    roles: roleEnum().array().notNull().default(sql`'{}'`),
    active: boolean().notNull().default(true),
    deactivatedAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);

/**
 * Server-side record of every browser session. The next-auth JWT only carries
 * this id, so sign-out and user deactivation end a session at once instead of
 * when the cookie expires.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: text().primaryKey(),
    userId: uuid().notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: at().notNull(),
    lastSeenAt: at(),
    endedAt: at(),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/** Links an OIDC subject to a provisioned user (next-auth "accounts"). */
export const accounts = pgTable(
  "accounts",
  {
    id: id(),
    userId: uuid().notNull().references(() => users.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("accounts_provider_account_idx").on(t.provider, t.providerAccountId)],
);

/** API keys: only a SHA-256 hash and a display prefix are stored, never the key. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    userId: uuid().notNull().references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull(),
    scopes: apiKeyScopeEnum().array().notNull(),
    expiresAt: at(),
    lastUsedAt: at(),
    revokedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_keys_hash_idx").on(t.keyHash), index("api_keys_user_idx").on(t.userId)],
);
