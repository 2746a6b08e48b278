import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { dataSets, workflows } from "./catalogue";
import { at, createdAt, id, updatedAt } from "./columns";
import {
  classificationEnum,
  credentialKindEnum,
  credentialStatusEnum,
  dataActionEnum,
  entitlementStatusEnum,
  environmentEnum,
  nhiKindEnum,
  nhiStatusEnum,
  providerEnum,
} from "./enums";
import { users } from "./people";

/** Non-human identities: the workload identities AI workflows run as. */
export const nhis = pgTable(
  "nhis",
  {
    id: id(),
    name: text().notNull(),
    kind: nhiKindEnum().notNull(),
    provider: providerEnum().notNull(),
    externalId: text().notNull(),
    environment: environmentEnum().notNull(),
    classification: classificationEnum().notNull().default("utility"),
    ownerId: uuid().references(() => users.id),
    status: nhiStatusEnum().notNull().default("active"),
    description: text().notNull().default(""),
    lastUsedAt: at(),
    /** Set by an import that saw interactive (human) sign-in on this NHI (OWASP NHI10). */
    humanUseSeenAt: at(),
    /** Source-specific facts from imports (e.g. AWS password_enabled), for findings. */
    attributes: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("nhis_provider_external_idx").on(t.provider, t.externalId),
    index("nhis_owner_idx").on(t.ownerId),
    index("nhis_name_idx").on(t.name, t.id),
    index("nhis_status_idx").on(t.status),
  ],
);

/** Workload-identity binding: which NHI serves which workflow. */
export const workflowNhis = pgTable(
  "workflow_nhis",
  {
    workflowId: uuid().notNull().references(() => workflows.id, { onDelete: "cascade" }),
    nhiId: uuid().notNull().references(() => nhis.id, { onDelete: "cascade" }),
    boundById: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.nhiId] }), index("workflow_nhis_nhi_idx").on(t.nhiId)],
);

export const entitlements = pgTable(
  "entitlements",
  {
    id: id(),
    workflowId: uuid().notNull().references(() => workflows.id),
    nhiId: uuid().notNull().references(() => nhis.id),
    dataSetId: uuid().notNull().references(() => dataSets.id),
    actions: dataActionEnum().array().notNull(),
    status: entitlementStatusEnum().notNull().default("pending"),
    jit: boolean().notNull().default(false),
    maxTtlSeconds: integer(),
    expiresAt: at(),
    justification: text().notNull(),
    requestedById: uuid().references(() => users.id),
    businessApprovedById: uuid().references(() => users.id),
    businessApprovedAt: at(),
    identityApprovedById: uuid().references(() => users.id),
    identityApprovedAt: at(),
    deniedById: uuid().references(() => users.id),
    deniedAt: at(),
    denialComment: text(),
    cadenceDays: integer(),
    lastReviewedAt: at(),
    nextReviewAt: at(),
    revokedById: uuid().references(() => users.id),
    revokedAt: at(),
    revokeReason: text(),
    /** Set when a narrowed approval no longer covers this entitlement. */
    exceedsApprovalSince: at(),
    /**
     * The stored context-free guardrail verdict (lib/domain/guardrails): the
     * facts it was computed from, and the `action:policy name` pairs forbidden
     * under them. Trusted only while the facts still match.
     */
    guardrailFacts: text(),
    guardrailForbiddenBy: text().array(),
    guardrailVerdictAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The runtime decision path: (nhi, data set) among active rows.
    index("entitlements_decision_idx").on(t.nhiId, t.dataSetId).where(sql`${t.status} = 'active'`),
    index("entitlements_workflow_idx").on(t.workflowId, t.status),
    index("entitlements_data_set_idx").on(t.dataSetId),
    index("entitlements_next_review_idx").on(t.nextReviewAt).where(sql`${t.status} = 'active'`),
    uniqueIndex("entitlements_one_open_grant_idx")
      .on(t.workflowId, t.nhiId, t.dataSetId)
      .where(sql`${t.status} in ('pending', 'active')`),
    check("entitlements_actions_nonempty", sql`cardinality(${t.actions}) > 0`),
    check("entitlements_ttl_positive", sql`${t.maxTtlSeconds} is null or ${t.maxTtlSeconds} > 0`),
  ],
);

/** Credential metadata. The secret itself is never stored (DESIGN.md). */
export const credentials = pgTable(
  "credentials",
  {
    id: id(),
    nhiId: uuid().notNull().references(() => nhis.id),
    /** Set when the credential was issued only for one task. */
    entitlementId: uuid().references(() => entitlements.id),
    kind: credentialKindEnum().notNull(),
    name: text().notNull().default(""),
    fingerprint: text(),
    location: text(),
    /** JIT tokens we mint are credentials too, identified by their `jti`. */
    jti: text(),
    issuedAt: at().notNull().defaultNow(),
    expiresAt: at(),
    lastRotatedAt: at(),
    rotationPeriodDays: integer(),
    lastUsedAt: at(),
    status: credentialStatusEnum().notNull().default("active"),
    /** Raised by policy (e.g. long-lived on an autonomous workflow) until rotated or revoked. */
    flaggedAt: at(),
    flagReason: text(),
    replacedById: uuid(),
    revokedById: uuid().references(() => users.id),
    revokedAt: at(),
    revokeReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("credentials_nhi_idx").on(t.nhiId, t.status),
    index("credentials_entitlement_idx").on(t.entitlementId),
    uniqueIndex("credentials_jti_idx").on(t.jti),
    index("credentials_expires_idx").on(t.expiresAt).where(sql`${t.status} = 'active'`),
  ],
);
