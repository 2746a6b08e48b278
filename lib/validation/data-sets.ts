import { z } from "zod";
import { ENVIRONMENTS, SENSITIVITIES } from "@/db/schema/enums";
import { blankToUndefined, pageQuery, reason, text, uuid } from "./common";


export const sensitivity = z.enum(SENSITIVITIES, { message: `must be one of ${SENSITIVITIES.join(", ")}` });
export type Sensitivity = z.infer<typeof sensitivity>;
export const environment = z.enum(ENVIRONMENTS, { message: `must be one of ${ENVIRONMENTS.join(", ")}` });

export const listDataSetsQuery = pageQuery.extend({
  q: z.string().trim().max(120, "must be at most 120 characters").optional().transform((v) => v || undefined),
  sensitivity: z.preprocess(blankToUndefined, sensitivity.optional()),
  environment: z.preprocess(blankToUndefined, environment.optional()),
  ownerId: z.preprocess(blankToUndefined, uuid.optional()),
});
export type ListDataSetsQuery = z.infer<typeof listDataSetsQuery>;

const fields = {
  name: text(120, 2),
  system: text(120),
  description: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
  sensitivity,
  environment,
  ownerId: uuid.nullish(),
};

export const createDataSetInput = z.object(fields).strict();
export type CreateDataSetInput = z.infer<typeof createDataSetInput>;

export const updateDataSetInput = z
  .object({
    name: fields.name.optional(),
    system: fields.system.optional(),
    description: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
    sensitivity: sensitivity.optional(),
    environment: environment.optional(),
    ownerId: uuid.nullish(),
    reason,
  })
  .strict();
export type UpdateDataSetInput = z.infer<typeof updateDataSetInput>;
