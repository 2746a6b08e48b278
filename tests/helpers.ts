import { db } from "@/db";
import { createUser } from "@/db/seed/factories";
import type { Role } from "@/lib/auth/permissions";
import type { ApiKeyScope } from "@/lib/auth/permissions";
import { systemActor, userActor } from "@/lib/domain/actor";
import { createApiKey } from "@/lib/domain/api-keys/api-keys";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A user with the given roles, their actor, and an API key with the given scopes. */
export async function userWithKey(roles: Role[], scopes: ApiKeyScope[] = ["read", "write", "admin", "authorize", "import"]) {
  const user = await createUser(db, { roles });
  const key = await createApiKey(systemActor("test"), { userId: user.id, name: "test", scopes, expiresInDays: 1 });
  return { user, key: key.key, actor: userActor(user) };
}

/** Calls a route handler exactly as Next.js would, without a server. */
export async function call(
  handler: Handler,
  options: { method?: string; path?: string; apiKey?: string; body?: unknown; rawBody?: string; params?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers["content-type"] = "application/json";
  const response = await handler(
    new Request(`http://localhost${options.path ?? "/"}`, {
      method: options.method ?? "GET",
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}
