import { API_KEY_SCOPES, ROLES } from "@/db/schema/enums";
import { AppError } from "@/lib/errors";

export type Role = (typeof ROLES)[number];
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Every permission, and the API-key scope a machine caller needs for it.
 * Object-level rules ("only your own workflow") live in lib/domain beside the
 * query that loads the object; this table answers "may this kind of actor try".
 */
export const PERMISSIONS = {
  "users.read": "read",
  "users.manage": "admin",
  "api_keys.manage": "admin",
  "settings.manage": "admin",
  "audit.read": "read",
  "audit.verify": "read",
  "notifications.read": "read",
  "data_sets.read": "read",
  "data_sets.write": "write",
  "workflows.read": "read",
  "workflows.write": "write",
  "workflows.lifecycle": "write",
  "workflows.transfer": "write",
  "identities.read": "read",
  "identities.write": "write",
  "entitlements.read": "read",
  "entitlements.request": "write",
  "entitlements.approve_business": "write",
  "entitlements.approve_identity": "write",
  "access.revoke": "write",
  "exceptions.request": "write",
  "exceptions.approve": "write",
  "credentials.write": "write",
  "credentials.issue_jit": "write",
  "import.run": "import",
  "hooks.read": "read",
  "hooks.manage": "write",
  "decisions.read": "read",
  "runtime.authorize": "authorize",
  "policies.read": "read",
  "policies.manage": "write",
  "reviews.read": "read",
  "reviews.decide": "write",
  "campaigns.read": "read",
  "campaigns.manage": "write",
  "evidence.export": "read",
  "findings.read": "read",
  "findings.accept": "write",
} as const satisfies Record<string, ApiKeyScope>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

const READ_ALL = PERMISSION_NAMES.filter((p) => PERMISSIONS[p] === "read");

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  business_owner: [
    ...READ_ALL,
    "workflows.write",
    "workflows.lifecycle",
    "workflows.transfer",
    "entitlements.request",
    "entitlements.approve_business",
    "access.revoke",
    "exceptions.request",
    "exceptions.approve",
    "reviews.decide",
    "findings.accept",
  ],
  identity_owner: [
    ...READ_ALL,
    "data_sets.write",
    "workflows.write",
    "workflows.lifecycle",
    "workflows.transfer",
    "identities.write",
    "entitlements.request",
    "entitlements.approve_identity",
    "access.revoke",
    "exceptions.request",
    "credentials.write",
    "credentials.issue_jit",
    "import.run",
    "hooks.manage",
    "runtime.authorize",
    "policies.manage",
    "reviews.decide",
    "campaigns.manage",
    "findings.accept",
  ],
  auditor: READ_ALL,
  // Admins run organisation-wide campaigns too (issue 7: "an admin creates and launches a quarterly campaign").
  admin: [...READ_ALL, "users.manage", "api_keys.manage", "settings.manage", "data_sets.write", "runtime.authorize", "campaigns.manage"],
};

/** The permissions of a set of roles, narrowed to an API key's scopes when there is one. */
export function permissionsFor(roles: readonly Role[], scopes: readonly ApiKeyScope[] | null): Set<Permission> {
  const granted = new Set<Permission>(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
  if (scopes) for (const p of granted) if (!scopes.includes(PERMISSIONS[p])) granted.delete(p);
  return granted;
}

export type PermissionHolder = { permissions: ReadonlySet<Permission> };

export function can(actor: PermissionHolder, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: PermissionHolder, permission: Permission): void {
  if (!can(actor, permission)) throw AppError.forbidden(`Missing permission ${permission}`);
}
