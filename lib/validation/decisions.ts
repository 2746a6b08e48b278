import { z } from "zod";
import { blankToUndefined, pageQuery, uuid } from "./common";

const time = z.iso.datetime({ offset: true, message: "must be an RFC 3339 time" });

export const DECISION_OUTCOMES = ["true", "false"] as const;

export const listDecisionsQuery = pageQuery.extend({
  identityId: z.preprocess(blankToUndefined, uuid.optional()),
  dataSetId: z.preprocess(blankToUndefined, uuid.optional()),
  // Not z.coerce.boolean(): that reads the string "false" as true.
  decision: z
    .preprocess(blankToUndefined, z.enum(DECISION_OUTCOMES, { message: "must be true or false" }).optional())
    .transform((v) => (v === undefined ? undefined : v === "true")),
  from: z.preprocess(blankToUndefined, time.optional()),
  to: z.preprocess(blankToUndefined, time.optional()),
});
export type ListDecisionsQuery = z.infer<typeof listDecisionsQuery>;
