"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/lib/domain/api-keys/api-keys";
import { action } from "@/lib/server/action";
import { createApiKeyInput } from "@/lib/validation/api-keys";
import { reason, uuid } from "@/lib/validation/common";

/** The plaintext key is in this result only; the page never sees it again. */
export const createApiKeyAction = action("api_keys.create", "api_keys.manage", createApiKeyInput, async (actor, input) => {
  const created = await createApiKey(actor, input);
  revalidatePath("/settings/api-keys");
  return { id: created.id, name: created.name, prefix: created.prefix, key: created.key };
});

export const revokeApiKeyAction = action(
  "api_keys.revoke",
  "api_keys.manage",
  z.object({ id: uuid, reason }).strict(),
  async (actor, input) => {
    const row = await revokeApiKey(actor, input.id, input.reason);
    revalidatePath("/settings/api-keys");
    return { revoked: row !== null };
  },
);
