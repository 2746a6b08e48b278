import { z } from "zod";
import { AUTONOMY_LEVELS, WORKFLOW_STATUSES } from "@/db/schema/enums";
import { pageQuery } from "./common";

// A GET filter form submits "" for "any"; that must mean no filter, not an invalid value.
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const autonomyLevel = z.enum(AUTONOMY_LEVELS, { message: `must be one of ${AUTONOMY_LEVELS.join(", ")}` });
export const workflowStatus = z.enum(WORKFLOW_STATUSES, { message: `must be one of ${WORKFLOW_STATUSES.join(", ")}` });

export const listWorkflowsQuery = pageQuery.extend({
  q: z.string().trim().max(120, "must be at most 120 characters").optional().transform((v) => v || undefined),
  status: z.preprocess(blankToUndefined, workflowStatus.optional()),
});
export type ListWorkflowsQuery = z.infer<typeof listWorkflowsQuery>;
