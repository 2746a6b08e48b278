import { z } from "zod";
import { EXCEPTION_STATUSES } from "@/db/schema/enums";
import { pageQuery, text, uuid } from "./common";
import { actionList } from "./workflows";

const MAX_EXCEPTION_DAYS = 180;

export const requestExceptionInput = z
  .object({
    workflowId: uuid,
    dataSetId: uuid,
    actions: actionList,
    reason: text(1000, 10),
    expiresAt: z.coerce
      .date({ message: "must be an RFC 3339 time" })
      .refine((d) => d.getTime() > Date.now(), "must be in the future")
      .refine((d) => d.getTime() <= Date.now() + MAX_EXCEPTION_DAYS * 86_400_000, `must be within ${MAX_EXCEPTION_DAYS} days`),
  })
  .strict();
export type RequestExceptionInput = z.infer<typeof requestExceptionInput>;

export const decideExceptionInput = z.object({ comment: z.string().trim().max(1000).optional() }).strict();

export const listExceptionsQuery = pageQuery.extend({
  workflowId: uuid.optional(),
  status: z.enum(EXCEPTION_STATUSES).optional(),
});
export type ListExceptionsQuery = z.infer<typeof listExceptionsQuery>;
