import * as React from "react";
import type { z } from "zod";
import { humanize } from "@/components/lists/list-controls";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { listEntitlementsQuery } from "@/lib/validation/entitlements";
import { formatDateTime } from "@/lib/utils";

type EntitlementStatus = NonNullable<z.infer<typeof listEntitlementsQuery>["status"]>;

const STATUS_VARIANT: Record<EntitlementStatus, BadgeVariant> = {
  pending: "info",
  active: "success",
  revoked: "danger",
  expired: "outline",
  denied: "neutral",
};


export function EntitlementStatusBadge({ status }: { status: EntitlementStatus }) {
  return <Badge variant={STATUS_VARIANT[status]}>{humanize(status)}</Badge>;
}

/** The data set or actions fell outside the workflow's approval after it was narrowed (DESIGN invariant 1). */
export function ExceedsApprovalBadge({ since }: { since: Date }) {
  return (
    <Badge variant="danger" title={`Outside the workflow's approved data sets since ${formatDateTime(since)}`}>
      Exceeds approval
    </Badge>
  );
}

/** "JIT · 15 min" or "Standing" for a grant without just-in-time tokens. */
export function formatJit(jit: boolean, maxTtlSeconds?: number | null): string {
  if (!jit) return "Standing";
  return maxTtlSeconds ? `JIT · ${Math.round(maxTtlSeconds / 60)} min` : "JIT";
}
