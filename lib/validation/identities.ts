import { z } from "zod";
import { NHI_STATUSES, PROVIDERS } from "@/db/schema/enums";
import { pageQuery } from "./common";

// A GET filter form submits "" for "any"; that must mean no filter, not an invalid value.
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const provider = z.enum(PROVIDERS, { message: `must be one of ${PROVIDERS.join(", ")}` });
export const nhiStatus = z.enum(NHI_STATUSES, { message: `must be one of ${NHI_STATUSES.join(", ")}` });

export const listIdentitiesQuery = pageQuery.extend({
  q: z.string().trim().max(120, "must be at most 120 characters").optional().transform((v) => v || undefined),
  provider: z.preprocess(blankToUndefined, provider.optional()),
  status: z.preprocess(blankToUndefined, nhiStatus.optional()),
});
export type ListIdentitiesQuery = z.infer<typeof listIdentitiesQuery>;
