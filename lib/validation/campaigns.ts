import { z } from "zod";
import {
  AUTONOMY_LEVELS,
  CAMPAIGN_STATUSES,
  CLASSIFICATIONS,
  ENVIRONMENTS,
  NON_RESPONSE_POLICIES,
  PROVIDERS,
  REVIEW_ITEM_STATUSES,
  REVIEW_STAGES,
  SENSITIVITIES,
} from "@/db/schema/enums";
import { blankToUndefined, pageQuery, reason, text, uuid } from "./common";

/** An optional multi-choice filter: empty or absent means "any". Duplicates collapse. */
const anyOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values, { message: `must be one of ${values.join(", ")}` }))
    .max(values.length)
    .default([])
    .transform((xs) => [...new Set(xs)]);

/**
 * Which active entitlements a campaign reviews. Every filter narrows; an empty
 * scope means every active entitlement. `ownerId` matches grants where that
 * user is the workflow's business owner, the workflow's identity owner, or the
 * NHI's (technical) owner — "everything this person is accountable for".
 */
export const campaignScope = z
  .object({
    autonomy: anyOf(AUTONOMY_LEVELS),
    classification: anyOf(CLASSIFICATIONS),
    provider: anyOf(PROVIDERS),
    sensitivity: anyOf(SENSITIVITIES),
    environment: anyOf(ENVIRONMENTS),
    ownerId: z.preprocess(blankToUndefined, uuid.optional()),
  })
  .strict();
export type CampaignScope = z.infer<typeof campaignScope>;

/** The filter values, for forms (components may not import the schema). */
export const SCOPE_CHOICES = {
  autonomy: AUTONOMY_LEVELS,
  classification: CLASSIFICATIONS,
  provider: PROVIDERS,
  sensitivity: SENSITIVITIES,
  environment: ENVIRONMENTS,
} as const;

export const DEFAULT_STAGES = ["business_owner", "identity_owner"] as const;

export const createCampaignInput = z
  .object({
    name: text(200),
    description: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
    scope: campaignScope.default({ autonomy: [], classification: [], provider: [], sensitivity: [], environment: [] }),
    stages: z
      .array(z.enum(REVIEW_STAGES, { message: "must be business_owner or identity_owner" }))
      .min(1, "needs at least one stage")
      .max(REVIEW_STAGES.length)
      .refine((s) => new Set(s).size === s.length, "a stage may appear only once")
      .default([...DEFAULT_STAGES]),
    dueAt: z.coerce.date({ message: "must be a date" }).refine((d) => d.getTime() > Date.now(), "must be in the future"),
    nonResponse: z.enum(NON_RESPONSE_POLICIES, { message: "must be keep or revoke" }).default("keep"),
    reason,
  })
  .strict();
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const listCampaignsQuery = pageQuery.extend({
  status: z.preprocess(blankToUndefined, z.enum(CAMPAIGN_STATUSES).optional()),
});
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuery>;

export const listCampaignItemsQuery = pageQuery.extend({
  status: z.preprocess(blankToUndefined, z.enum(REVIEW_ITEM_STATUSES).optional()),
});
export type ListCampaignItemsQuery = z.infer<typeof listCampaignItemsQuery>;

/** Launch, close and remind carry only an optional audit reason. */
export const campaignCommandInput = z.object({ reason }).strict();

export const reassignItemInput = z
  .object({
    reviewerId: uuid,
    reason: text(500),
  })
  .strict();
export type ReassignItemInput = z.infer<typeof reassignItemInput>;

export const EVIDENCE_FORMATS = ["csv", "json"] as const;
export const evidenceQuery = z.object({
  format: z.preprocess(blankToUndefined, z.enum(EVIDENCE_FORMATS, { message: "must be csv or json" }).default("json")),
});
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];
