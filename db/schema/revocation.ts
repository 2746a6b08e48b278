import { boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import { deliveryStatusEnum, hookFormatEnum, revocationTargetEnum } from "./enums";
import { users } from "./people";

/**
 * One row per revoke operation. It keeps the exact prior state of every row
 * the revoke touched so Undo can restore it within the window.
 */
export const revocations = pgTable(
  "revocations",
  {
    id: id(),
    targetType: revocationTargetEnum().notNull(),
    targetId: uuid().notNull(),
    workflowId: uuid(),
    actorId: uuid().references(() => users.id),
    reason: text().notNull(),
    priorState: jsonb().$type<Record<string, unknown>>().notNull(),
    undoUntil: at().notNull(),
    restoredAt: at(),
    restoredById: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("revocations_target_idx").on(t.targetType, t.targetId),
    index("revocations_workflow_idx").on(t.workflowId),
    // The overview's daily "confirmed downstream" chart reads a time window.
    index("revocations_created_idx").on(t.createdAt),
  ],
);

export const hooks = pgTable("hooks", {
  id: id(),
  name: text().notNull(),
  url: text().notNull(),
  events: text().array().notNull(),
  format: hookFormatEnum().notNull(),
  /** AES-GCM ciphertext under APP_SECRET; null for caep-set hooks (signed with our key). */
  secretEncrypted: text(),
  /** The previous secret keeps signing alongside the new one until this time. */
  previousSecretEncrypted: text(),
  previousSecretValidUntil: at(),
  active: boolean().notNull().default(true),
  disabledAt: at(),
  disabledReason: text(),
  createdById: uuid().references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A revocation event as it goes out: the payload every subscribed hook receives. */
export const hookEvents = pgTable(
  "hook_events",
  {
    id: id(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    revocationId: uuid().references(() => revocations.id),
    createdAt: createdAt(),
  },
  (t) => [index("hook_events_revocation_idx").on(t.revocationId)],
);

/** The transactional outbox: one row per (event, subscribed hook). */
export const hookDeliveries = pgTable(
  "hook_deliveries",
  {
    id: id(),
    hookId: uuid().notNull().references(() => hooks.id, { onDelete: "cascade" }),
    eventId: uuid().notNull().references(() => hookEvents.id),
    status: deliveryStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: at().notNull().defaultNow(),
    lastAttemptAt: at(),
    deliveredAt: at(),
    createdAt: createdAt(),
  },
  (t) => [
    index("hook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("hook_deliveries_event_idx").on(t.eventId),
    index("hook_deliveries_hook_idx").on(t.hookId, t.createdAt),
  ],
);

export const hookDeliveryAttempts = pgTable(
  "hook_delivery_attempts",
  {
    id: id(),
    deliveryId: uuid().notNull().references(() => hookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    startedAt: at().notNull(),
    latencyMs: integer(),
    responseStatus: integer(),
    error: text(),
  },
  (t) => [index("hook_delivery_attempts_delivery_idx").on(t.deliveryId)],
);
