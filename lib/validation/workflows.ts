import { z } from "zod";
import { AUTONOMY_LEVELS, DATA_ACTIONS, WORKFLOW_STATUSES } from "@/db/schema/enums";
import { blankToUndefined, pageQuery, reason, text, uuid } from "./common";
import { sensitivity } from "./data-sets";


export const autonomyLevel = z.enum(AUTONOMY_LEVELS, { message: `must be one of ${AUTONOMY_LEVELS.join(", ")}` });
export const workflowStatus = z.enum(WORKFLOW_STATUSES, { message: `must be one of ${WORKFLOW_STATUSES.join(", ")}` });
export const dataAction = z.enum(DATA_ACTIONS, { message: `must be one of ${DATA_ACTIONS.join(", ")}` });

/** A list of actions with no repeats, in the canonical order read, write, delete, admin. */
export const actionList = z
  .array(dataAction)
  .min(1, "choose at least one action")
  .max(DATA_ACTIONS.length)
  .refine((a) => new Set(a).size === a.length, "lists an action twice")
  .transform((a) => DATA_ACTIONS.filter((x) => a.includes(x)));

export const listWorkflowsQuery = pageQuery.extend({
  q: z.string().trim().max(120, "must be at most 120 characters").optional().transform((v) => v || undefined),
  status: z.preprocess(blankToUndefined, workflowStatus.optional()),
  autonomy: z.preprocess(blankToUndefined, autonomyLevel.optional()),
  ownerId: z.preprocess(blankToUndefined, uuid.optional()),
  vendor: z.preprocess(blankToUndefined, z.enum(["yes", "no"]).optional()),
  sensitivity: z.preprocess(blankToUndefined, sensitivity.optional()),
});
export type ListWorkflowsQuery = z.infer<typeof listWorkflowsQuery>;

export const approvedDataSetInput = z
  .object({
    dataSetId: uuid,
    actions: actionList,
    justification: text(1000, 10),
  })
  .strict();

/** The task that justifies access must be described, not named: a few real sentences. */
const purpose = text(4000, 40).refine((p) => p.split(/\s+/).length >= 8, "describe the task in at least a sentence or two");

const dataSets = z
  .array(approvedDataSetInput)
  .max(50, "at most 50 data sets")
  .refine((items) => new Set(items.map((d) => d.dataSetId)).size === items.length, "lists a data set twice");
const escalationPath = z
  .array(uuid)
  .max(10, "at most 10 steps")
  .refine((ids) => new Set(ids).size === ids.length, "lists a person twice");
const exceptionConditions = z.array(text(500)).max(20, "at most 20 conditions");
const vendor = z
  .string()
  .trim()
  .max(120, "must be at most 120 characters")
  .nullish()
  .transform((v) => v || null);
const cadence = z.number().int("must be a whole number of days").min(7, "must be at least 7 days").max(365, "must be at most 365 days");

/** `status` is not editable here: lifecycle changes have their own audited endpoints. */
const noStatus = {
  status: z.never({ message: "change the status with /activate, /suspend or /retire" }).optional(),
};

export const createWorkflowInput = z
  .object({
    name: text(120, 3),
    purpose,
    businessOwnerId: uuid.nullish(),
    identityOwnerId: uuid.nullish(),
    autonomy: autonomyLevel.default("assistive"),
    vendor,
    escalationPath: escalationPath.default([]),
    exceptionConditions: exceptionConditions.default([]),
    dataSets: dataSets.default([]),
    reviewCadenceDays: cadence.nullish(),
    ...noStatus,
  })
  .strict();
export type CreateWorkflowInput = z.infer<typeof createWorkflowInput>;

export const updateWorkflowInput = z
  .object({
    name: text(120, 3).optional(),
    purpose: purpose.optional(),
    identityOwnerId: uuid.nullish(),
    autonomy: autonomyLevel.optional(),
    vendor: vendor.optional(),
    escalationPath: escalationPath.optional(),
    exceptionConditions: exceptionConditions.optional(),
    dataSets: dataSets.optional(),
    reviewCadenceDays: cadence.nullish(),
    businessOwnerId: z.never({ message: "use /transfer to change the accountable business owner" }).optional(),
    reason,
    ...noStatus,
  })
  .strict();
export type UpdateWorkflowInput = z.infer<typeof updateWorkflowInput>;

export const lifecycleInput = z.object({ reason }).strict();

export const transferOwnershipInput = z
  .object({
    side: z.enum(["business", "identity"], { message: "must be business or identity" }),
    toUserId: uuid,
    reason: text(500, 5),
  })
  .strict();
export type TransferOwnershipInput = z.infer<typeof transferOwnershipInput>;
