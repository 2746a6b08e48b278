import { createApiKey, listApiKeys } from "@/lib/domain/api-keys/api-keys";
import { route } from "@/lib/server/route";
import { createApiKeyInput } from "@/lib/validation/api-keys";

export const GET = route(
  { path: "/api/v1/api-keys", summary: "List API keys (never the keys themselves)", access: "api_keys.manage", tag: "API keys" },
  async ({ actor }) => ({ items: await listApiKeys(actor), nextCursor: null }),
);

export const POST = route(
  {
    path: "/api/v1/api-keys",
    summary: "Create an API key; the key is in the answer once and never again",
    access: "api_keys.manage",
    body: createApiKeyInput,
    status: 201,
    tag: "API keys",
  },
  ({ actor, body }) => createApiKey(actor, body),
);
