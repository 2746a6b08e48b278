import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { at, createdAt, id } from "./columns";
import { actorTypeEnum, findingSeverityEnum, findingStatusEnum } from "./enums";
import { users } from "./people";

/**
 * Append-only, hash-chained audit trail. Triggers (migration 0001) refuse
 * UPDATE, DELETE and TRUNCATE; `seq` is assigned under an advisory lock so the
 * chain has exactly one order.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint({ mode: "number" }).primaryKey(),
    id: uuid().notNull().defaultRandom(),
    occurredAt: at().notNull(),
    actorType: actorTypeEnum().notNull(),
    actorId: uuid(),
    actorLabel: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text(),
    reason: text(),
    before: jsonb().$type<Record<string, unknown> | null>(),
    after: jsonb().$type<Record<string, unknown> | null>(),
    requestId: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    uniqueIndex("audit_events_id_idx").on(t.id),
    index("audit_events_time_idx").on(t.occurredAt),
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.seq),
    index("audit_events_actor_idx").on(t.actorId, t.seq),
    index("audit_events_action_idx").on(t.action, t.seq),
  ],
);

export const findings = pgTable(
  "findings",
  {
    id: id(),
    ruleId: text().notNull(),
    targetType: text().notNull(),
    targetId: uuid().notNull(),
    severity: findingSeverityEnum().notNull(),
    frameworks: text().array().notNull(),
    ownerId: uuid().references(() => users.id),
    status: findingStatusEnum().notNull().default("open"),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    firstSeenAt: at().notNull().defaultNow(),
    lastSeenAt: at().notNull().defaultNow(),
    resolvedAt: at(),
    acceptedById: uuid().references(() => users.id),
    acceptedReason: text(),
    acceptedUntil: at(),
  },
  (t) => [
    uniqueIndex("findings_one_live_idx")
      .on(t.ruleId, t.targetType, t.targetId)
      .where(sql`${t.status} <> 'resolved'`),
    index("findings_owner_idx").on(t.ownerId, t.status),
    index("findings_target_idx").on(t.targetType, t.targetId),
    index("findings_rule_status_idx").on(t.ruleId, t.status),
    // Trends are read from the rows themselves: open at t = first seen ≤ t < resolved.
    index("findings_timeline_idx").on(t.firstSeenAt, t.resolvedAt),
    index("findings_resolved_idx").on(t.resolvedAt).where(sql`${t.status} = 'resolved'`),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid().notNull().references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull().default(""),
    link: text(),
    readAt: at(),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt)],
);

/** Replays of writes that carried an Idempotency-Key header (API.md). */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    principal: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    responseStatus: bigint({ mode: "number" }).notNull(),
    responseBody: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("idempotency_keys_pk").on(t.principal, t.key)],
);

/** Small organisation-wide settings (admin-owned), e.g. the hook allowlist. */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedById: uuid().references(() => users.id),
  updatedAt: at().notNull().defaultNow(),
});
