import { Badge } from "@/components/ui/badge";
import type { ApiKeyScope } from "@/lib/auth/permissions";
import { apiKeyScope } from "@/lib/validation/api-keys";
import type { CheckboxOption } from "@/components/forms/form-controls";

const SCOPE_HINTS: Record<ApiKeyScope, string> = {
  read: "See workflows, identities, reviews, findings, decisions and the audit trail.",
  write: "Change workflows, identities and access: request, approve, revoke, review.",
  authorize: "Ask for runtime access decisions (AuthZEN evaluation).",
  import: "Import identities from CSV, AWS credential reports and Kubernetes.",
  admin: "Manage users, API keys and settings.",
};

export const SCOPE_OPTIONS: readonly CheckboxOption<ApiKeyScope>[] = apiKeyScope.options.map((value) => ({
  value,
  label: value,
  hint: SCOPE_HINTS[value],
}));

export function ScopeBadges({ scopes }: { scopes: readonly ApiKeyScope[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {scopes.map((scope) => (
        <Badge key={scope} variant={scope === "admin" ? "warning" : "outline"} className="font-mono">
          {scope}
        </Badge>
      ))}
    </span>
  );
}
