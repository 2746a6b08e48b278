import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/auth/permissions";
import { role } from "@/lib/validation/users";
import type { CheckboxOption } from "@/components/forms/form-controls";

export const ROLE_LABELS: Record<Role, string> = {
  business_owner: "Business owner",
  identity_owner: "Identity owner",
  auditor: "Auditor",
  admin: "Admin",
};

const ROLE_HINTS: Record<Role, string> = {
  business_owner: "Owns workflows, approves the business side of requests and exceptions, reviews access.",
  identity_owner: "Registers identities and credentials, approves the identity side of requests.",
  auditor: "Reads everything and exports evidence; cannot change anything.",
  admin: "Manages users, API keys and settings.",
};

export const ROLE_OPTIONS: readonly CheckboxOption<Role>[] = role.options.map((value) => ({
  value,
  label: ROLE_LABELS[value],
  hint: ROLE_HINTS[value],
}));

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  if (roles.length === 0) return <span className="text-muted-foreground">No roles</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {roles.map((r) => (
        <Badge key={r} variant={r === "admin" ? "info" : "neutral"}>
          {ROLE_LABELS[r]}
        </Badge>
      ))}
    </span>
  );
}
