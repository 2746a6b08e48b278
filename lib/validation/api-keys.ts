import { z } from "zod";
import { API_KEY_SCOPES } from "@/db/schema/enums";
import { text } from "./common";

export const apiKeyScope = z.enum(API_KEY_SCOPES, { message: `must be one of ${API_KEY_SCOPES.join(", ")}` });

export const createApiKeyInput = z
  .object({
    userId: z.uuid({ message: "must be a UUID" }),
    name: text(80),
    scopes: z.array(apiKeyScope).min(1, "choose at least one scope"),
    expiresInDays: z.coerce.number().int().min(1).max(365, "must be at most 365 days").default(90),
  })
  .strict();
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;
