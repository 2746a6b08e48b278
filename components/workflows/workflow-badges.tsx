import * as React from "react";
import { Building2 } from "lucide-react";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { humanize } from "@/components/lists/list-controls";
import type { WorkflowListItem } from "@/lib/domain/workflows/list-workflows";

export const STATUS_VARIANT: Record<WorkflowListItem["status"], BadgeVariant> = {
  draft: "neutral",
  active: "success",
  suspended: "warning",
  retired: "outline",
};

// More autonomy means fewer humans between the identity and the data.
export const AUTONOMY_VARIANT: Record<WorkflowListItem["autonomy"], BadgeVariant> = {
  assistive: "neutral",
  automated: "info",
  autonomous: "warning",
};

export function StatusBadge({ status }: { status: WorkflowListItem["status"] }) {
  return <Badge variant={STATUS_VARIANT[status]}>{humanize(status)}</Badge>;
}

export function AutonomyBadge({ autonomy }: { autonomy: WorkflowListItem["autonomy"] }) {
  return <Badge variant={AUTONOMY_VARIANT[autonomy]}>{humanize(autonomy)}</Badge>;
}

export function VendorBadge({ vendor }: { vendor: string }) {
  return (
    <Badge variant="info" title="Vendor-managed tooling">
      <Building2 aria-hidden="true" />
      <span className="sr-only">Vendor-managed: </span>
      {vendor}
    </Badge>
  );
}

/** Actions as code-like chips: they are the literal verbs the runtime checks. */
export function ActionBadges({ actions }: { actions: readonly string[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {actions.map((a) => (
        <Badge key={a} variant="outline" className="font-mono">
          {a}
        </Badge>
      ))}
    </span>
  );
}
