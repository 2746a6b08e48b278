import { z } from "zod";
import { CLASSIFICATIONS, NHI_KINDS, NHI_STATUSES, PROVIDERS } from "@/db/schema/enums";
import { blankToUndefined, pageQuery, reason, text, uuid } from "./common";
import { environment } from "./data-sets";


export const provider = z.enum(PROVIDERS, { message: `must be one of ${PROVIDERS.join(", ")}` });
export const nhiStatus = z.enum(NHI_STATUSES, { message: `must be one of ${NHI_STATUSES.join(", ")}` });
export const nhiKind = z.enum(NHI_KINDS, { message: `must be one of ${NHI_KINDS.join(", ")}` });
export const classification = z.enum(CLASSIFICATIONS, { message: `must be one of ${CLASSIFICATIONS.join(", ")}` });
export const LAST_USED_FILTERS = ["never", "7d", "30d", "90d+"] as const;

export const listIdentitiesQuery = pageQuery.extend({
  q: z.string().trim().max(120, "must be at most 120 characters").optional().transform((v) => v || undefined),
  provider: z.preprocess(blankToUndefined, provider.optional()),
  status: z.preprocess(blankToUndefined, nhiStatus.optional()),
  kind: z.preprocess(blankToUndefined, nhiKind.optional()),
  classification: z.preprocess(blankToUndefined, classification.optional()),
  environment: z.preprocess(blankToUndefined, environment.optional()),
  ownerId: z.preprocess(blankToUndefined, uuid.optional()),
  workflowId: z.preprocess(blankToUndefined, uuid.optional()),
  lastUsed: z.preprocess(blankToUndefined, z.enum(LAST_USED_FILTERS, { message: `must be one of ${LAST_USED_FILTERS.join(", ")}` }).optional()),
});
export type ListIdentitiesQuery = z.infer<typeof listIdentitiesQuery>;

const fields = {
  name: text(200),
  kind: nhiKind,
  provider,
  externalId: text(500),
  environment,
  classification: classification.default("utility"),
  ownerId: uuid.nullish(),
  status: nhiStatus.default("active"),
  description: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
  lastUsedAt: z.coerce.date({ message: "must be an RFC 3339 time" }).nullish(),
};

export const createIdentityInput = z.object({ ...fields, workflowIds: z.array(uuid).max(20).default([]) }).strict();
export type CreateIdentityInput = z.infer<typeof createIdentityInput>;

export const updateIdentityInput = z
  .object({
    name: fields.name.optional(),
    kind: nhiKind.optional(),
    environment: environment.optional(),
    classification: classification.optional(),
    ownerId: uuid.nullish(),
    status: nhiStatus.optional(),
    description: z.string().trim().max(2000).optional(),
    lastUsedAt: fields.lastUsedAt,
    provider: z.never({ message: "provider and externalId identify the NHI and cannot change" }).optional(),
    externalId: z.never({ message: "provider and externalId identify the NHI and cannot change" }).optional(),
    reason,
  })
  .strict();
export type UpdateIdentityInput = z.infer<typeof updateIdentityInput>;

export const bindIdentityInput = z.object({ workflowId: uuid, reason }).strict();
