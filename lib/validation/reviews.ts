import { z } from "zod";
import { REVIEW_ITEM_STATUSES } from "@/db/schema/enums";
import { blankToUndefined, pageQuery, uuid } from "./common";
import { actionList } from "./workflows";

export const REVIEW_DECISION_CHOICES = ["certify", "revoke", "modify", "delegate"] as const;
export type ReviewDecisionChoice = (typeof REVIEW_DECISION_CHOICES)[number];

/** Rationale is optional for certify and required for everything that changes access or ownership. */
const rationale = z.string().trim().max(2000, "must be at most 2000 characters").optional();

const decideReviewFields = z
  .object({
    decision: z.enum(REVIEW_DECISION_CHOICES, { message: "must be certify, revoke, modify or delegate" }),
    rationale,
    delegateTo: uuid.optional(),
    actions: actionList.optional(),
  })
  .strict();

/** Which fields each decision needs, and which it must not carry. */
function decisionRules(input: z.infer<typeof decideReviewFields>, ctx: z.RefinementCtx) {
  if (input.decision !== "certify" && !input.rationale) {
    ctx.addIssue({ code: "custom", path: ["rationale"], message: `is required to ${input.decision}` });
  }
  if (input.decision === "delegate" && !input.delegateTo) ctx.addIssue({ code: "custom", path: ["delegateTo"], message: "is required to delegate" });
  if (input.decision !== "delegate" && input.delegateTo) ctx.addIssue({ code: "custom", path: ["delegateTo"], message: "only applies to delegate" });
  if (input.decision === "modify" && !input.actions) ctx.addIssue({ code: "custom", path: ["actions"], message: "is required to modify" });
  if (input.decision !== "modify" && input.actions) ctx.addIssue({ code: "custom", path: ["actions"], message: "only applies to modify" });
}

export const decideReviewInput = decideReviewFields.superRefine(decisionRules);
/** The server action's input: the same decision, plus the item it is about. */
export const decideReviewActionInput = decideReviewFields.extend({ id: uuid }).superRefine(decisionRules);
export type DecideReviewInput = z.infer<typeof decideReviewInput>;

export const BULK_DECISION_MAX = 500;

export const bulkDecideReviewsInput = z
  .object({
    itemIds: z
      .array(uuid)
      .min(1, "select at least one item")
      .max(BULK_DECISION_MAX, `at most ${BULK_DECISION_MAX} items at once`)
      .transform((ids) => [...new Set(ids)]),
    decision: z.enum(["certify", "revoke"], { message: "must be certify or revoke" }),
    rationale,
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.decision === "revoke" && !input.rationale) ctx.addIssue({ code: "custom", path: ["rationale"], message: "is required to revoke" });
  });
export type BulkDecideReviewsInput = z.infer<typeof bulkDecideReviewsInput>;

export const listReviewsQuery = pageQuery.extend({
  /** "me" (the default for My reviews) or a user id. */
  reviewer: z.preprocess(blankToUndefined, z.union([z.literal("me"), uuid], { message: "must be me or a user id" }).optional()),
  status: z.preprocess(blankToUndefined, z.enum(REVIEW_ITEM_STATUSES).optional()),
  campaignId: z.preprocess(blankToUndefined, uuid.optional()),
  workflowId: z.preprocess(blankToUndefined, uuid.optional()),
});
export type ListReviewsQuery = z.infer<typeof listReviewsQuery>;
