import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import {
  autonomyEnum,
  dataActionEnum,
  environmentEnum,
  exceptionStatusEnum,
  sensitivityEnum,
  workflowStatusEnum,
} from "./enums";
import { users } from "./people";

export const dataSets = pgTable(
  "data_sets",
  {
    id: id(),
    name: text().notNull(),
    system: text().notNull(),
    description: text().notNull().default(""),
    sensitivity: sensitivityEnum().notNull(),
    environment: environmentEnum().notNull(),
    ownerId: uuid().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("data_sets_name_lower_idx").on(sql`lower(${t.name})`),
    index("data_sets_owner_idx").on(t.ownerId),
  ],
);

/** A business task an AI workflow performs: the thing that justifies access. */
export const workflows = pgTable(
  "workflows",
  {
    id: id(),
    name: text().notNull(),
    purpose: text().notNull(),
    businessOwnerId: uuid().references(() => users.id),
    identityOwnerId: uuid().references(() => users.id),
    autonomy: autonomyEnum().notNull().default("assistive"),
    vendor: text(),
    status: workflowStatusEnum().notNull().default("draft"),
    exceptionConditions: text().array().notNull().default(sql`'{}'`),
    /** Null means "derive from risk" (DESIGN.md cadence defaults). */
    reviewCadenceDays: integer(),
    /** Upper bound for JIT tokens minted for this workflow's entitlements. */
    maxJitTtlSeconds: integer(),
    createdById: uuid().references(() => users.id),
    activatedAt: at(),
    retiredAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("workflows_name_lower_idx").on(sql`lower(${t.name})`),
    index("workflows_business_owner_idx").on(t.businessOwnerId),
    index("workflows_identity_owner_idx").on(t.identityOwnerId),
    index("workflows_status_idx").on(t.status),
    check("workflows_cadence_positive", sql`${t.reviewCadenceDays} is null or ${t.reviewCadenceDays} > 0`),
  ],
);

/** The data sets a workflow is approved to touch, and with which actions. */
export const workflowDataSets = pgTable(
  "workflow_data_sets",
  {
    workflowId: uuid().notNull().references(() => workflows.id, { onDelete: "cascade" }),
    dataSetId: uuid().notNull().references(() => dataSets.id),
    actions: dataActionEnum().array().notNull(),
    justification: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workflowId, t.dataSetId] }),
    index("workflow_data_sets_data_set_idx").on(t.dataSetId),
    check("workflow_data_sets_actions_nonempty", sql`cardinality(${t.actions}) > 0`),
  ],
);

/** Ordered escalation path: position 0 is asked first. */
export const workflowEscalationSteps = pgTable(
  "workflow_escalation_steps",
  {
    workflowId: uuid().notNull().references(() => workflows.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    userId: uuid().notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.workflowId, t.position] }), index("escalation_user_idx").on(t.userId)],
);

/** An approved, expiring deviation from a workflow's approved data sets. */
export const accessExceptions = pgTable(
  "access_exceptions",
  {
    id: id(),
    workflowId: uuid().notNull().references(() => workflows.id, { onDelete: "cascade" }),
    dataSetId: uuid().notNull().references(() => dataSets.id),
    actions: dataActionEnum().array().notNull(),
    reason: text().notNull(),
    status: exceptionStatusEnum().notNull().default("pending"),
    expiresAt: at().notNull(),
    requestedById: uuid().references(() => users.id),
    decidedById: uuid().references(() => users.id),
    decidedAt: at(),
    decisionComment: text(),
    createdAt: createdAt(),
  },
  (t) => [index("access_exceptions_workflow_idx").on(t.workflowId, t.dataSetId, t.status)],
);
