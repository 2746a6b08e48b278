import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id } from "./columns";
import { policyStatusEnum } from "./enums";
import { users } from "./people";

/** Every runtime authorization decision (high volume: indexed by time). */
export const decisions = pgTable(
  "decisions",
  {
    id: id(),
    decidedAt: at().notNull().defaultNow(),
    nhiId: uuid(),
    subject: text().notNull(),
    action: text().notNull(),
    dataSetId: uuid(),
    resource: text().notNull(),
    workflowId: uuid(),
    entitlementId: uuid(),
    decision: boolean().notNull(),
    reasonCode: text(),
    reasonMessage: text(),
    apiKeyId: uuid(),
    context: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    index("decisions_time_idx").on(t.decidedAt),
    index("decisions_nhi_time_idx").on(t.nhiId, t.decidedAt),
  ],
);

/**
 * Guardrail policies (Cedar), versioned: one row per version. A version's
 * source never changes after it is saved; a change is a new version.
 */
export const policies = pgTable(
  "policies",
  {
    id: id(),
    /** The policy all versions belong to: the id of its first version. */
    policyId: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    version: integer().notNull(),
    description: text().notNull().default(""),
    source: text().notNull(),
    status: policyStatusEnum().notNull().default("draft"),
    createdById: uuid().references(() => users.id),
    activatedAt: at(),
    archivedAt: at(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("policies_name_version_idx").on(t.name, t.version),
    uniqueIndex("policies_policy_version_idx").on(t.policyId, t.version),
    // At most one active version per policy; also what the decision path's version stamp reads.
    uniqueIndex("policies_one_active_idx").on(t.policyId).where(sql`${t.status} = 'active'`),
    index("policies_active_idx").on(t.id).where(sql`${t.status} = 'active'`),
  ],
);

/** ES256 signing keys for JIT tokens and CAEP SETs; private keys AES-GCM encrypted. */
export const signingKeys = pgTable("signing_keys", {
  kid: text().primaryKey(),
  algorithm: text().notNull().default("ES256"),
  publicJwk: jsonb().$type<Record<string, unknown>>().notNull(),
  privateKeyEncrypted: text().notNull(),
  active: boolean().notNull().default(true),
  createdAt: createdAt(),
  retiredAt: at(),
  /** Verification stops after this time (latest expiry of tokens it signed). */
  verifyUntil: at(),
});
