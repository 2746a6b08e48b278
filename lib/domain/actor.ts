import { type ApiKeyScope, type Permission, type Role, PERMISSION_NAMES, permissionsFor } from "@/lib/auth/permissions";

/** Who is acting: a signed-in user, a user's API key, or the system (jobs). */
export type Actor = {
  kind: "user" | "api_key" | "system";
  userId: string | null;
  label: string;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  apiKeyId?: string;
  requestId?: string;
};

export type ActingUser = { id: string; email: string; roles: readonly Role[] };

export function userActor(
  user: ActingUser,
  options: { scopes?: readonly ApiKeyScope[]; apiKeyId?: string; requestId?: string } = {},
): Actor {
  return {
    kind: options.apiKeyId ? "api_key" : "user",
    userId: user.id,
    label: user.email,
    roles: user.roles,
    permissions: permissionsFor(user.roles, options.scopes ?? null),
    apiKeyId: options.apiKeyId,
    requestId: options.requestId,
  };
}

/** Background jobs act as the system; their audit events say which job. */
export function systemActor(job: string): Actor {
  return {
    kind: "system",
    userId: null,
    label: `system:${job}`,
    roles: [],
    permissions: new Set(PERMISSION_NAMES),
  };
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}
