import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import {
  campaignStatusEnum,
  dataActionEnum,
  nonResponseEnum,
  reviewDecisionEnum,
  reviewItemStatusEnum,
  reviewStageEnum,
} from "./enums";
import { entitlements } from "./identity";
import { users } from "./people";

export const reviewCampaigns = pgTable("review_campaigns", {
  id: id(),
  name: text().notNull(),
  scope: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  stages: reviewStageEnum().array().notNull(),
  dueAt: at().notNull(),
  nonResponse: nonResponseEnum().notNull().default("keep"),
  status: campaignStatusEnum().notNull().default("draft"),
  description: text().notNull().default(""),
  ownerId: uuid().references(() => users.id),
  populationSize: integer(),
  /** SHA-256 over the frozen population, recorded at launch. */
  snapshotHash: text(),
  launchedAt: at(),
  launchedById: uuid().references(() => users.id),
  closedAt: at(),
  closedById: uuid().references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * A review of one entitlement, either from a campaign or from the cadence
 * queue (campaignId null). `snapshot` freezes what the reviewer saw at launch.
 */
export const reviewItems = pgTable(
  "review_items",
  {
    id: id(),
    campaignId: uuid().references(() => reviewCampaigns.id, { onDelete: "cascade" }),
    entitlementId: uuid().notNull().references(() => entitlements.id),
    stage: reviewStageEnum().notNull().default("business_owner"),
    reviewerId: uuid().references(() => users.id),
    status: reviewItemStatusEnum().notNull().default("pending"),
    decision: reviewDecisionEnum(),
    rationale: text(),
    narrowedActions: dataActionEnum().array(),
    decidedById: uuid().references(() => users.id),
    decidedAt: at(),
    delegatedFromId: uuid().references(() => users.id),
    delegationReason: text(),
    dueAt: at().notNull(),
    escalationLevel: integer().notNull().default(0),
    lastRemindedAt: at(),
    /** Why the item was closed without a reviewer decision (entitlement already revoked, an earlier stage revoked…). */
    closedReason: text(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("review_items_queue_idx").on(t.reviewerId, t.status, t.dueAt),
    index("review_items_campaign_idx").on(t.campaignId, t.stage, t.status),
    index("review_items_entitlement_idx").on(t.entitlementId),
    // Launch and stage advance are idempotent: one item per entitlement and stage in a campaign.
    uniqueIndex("review_items_campaign_entitlement_stage_idx")
      .on(t.campaignId, t.entitlementId, t.stage)
      .where(sql`${t.campaignId} is not null`),
    // Cadence completion on the overview counts a recent window, not all history.
    index("review_items_cadence_created_idx").on(t.createdAt).where(sql`${t.campaignId} is null`),
    // At most one open cadence review per entitlement.
    uniqueIndex("review_items_one_open_cadence_idx")
      .on(t.entitlementId)
      .where(sql`${t.campaignId} is null and ${t.status} = 'pending'`),
  ],
);
