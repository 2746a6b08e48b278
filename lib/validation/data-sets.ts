import { z } from "zod";
import { SENSITIVITIES } from "@/db/schema/enums";
import { pageQuery } from "./common";

// A GET filter form submits "" for "any"; that must mean no filter, not an invalid value.
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const sensitivity = z.enum(SENSITIVITIES, { message: `must be one of ${SENSITIVITIES.join(", ")}` });

export const listDataSetsQuery = pageQuery.extend({
  q: z.string().trim().max(120, "must be at most 120 characters").optional().transform((v) => v || undefined),
  sensitivity: z.preprocess(blankToUndefined, sensitivity.optional()),
});
export type ListDataSetsQuery = z.infer<typeof listDataSetsQuery>;
