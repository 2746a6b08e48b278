import { z } from "zod";
import { revokeApiKey } from "@/lib/domain/api-keys/api-keys";
import { route } from "@/lib/server/route";
import { idParam, reason } from "@/lib/validation/common";

export const DELETE = route(
  {
    path: "/api/v1/api-keys/{id}",
    summary: "Revoke an API key (revoking twice is a no-op)",
    access: "api_keys.manage",
    body: z.object({ reason }).strict(),
    tag: "API keys",
  },
  async ({ actor, params, body }) => ({ revoked: true, key: await revokeApiKey(actor, idParam(params), body.reason) }),
);
