import type { findings } from "@/db/schema";
import type { OwnerRef } from "@/lib/domain/lists";
import { ruleById } from "./rules";

type Row = typeof findings.$inferSelect;

/** Where a finding's target is fixed: its own page, or the identity page that holds it. */
export function targetHref(targetType: string, targetId: string, details: Record<string, unknown>): string {
  const nhiId = typeof details.nhiId === "string" ? details.nhiId : null;
  switch (targetType) {
    case "nhi":
      return `/identities/${targetId}`;
    case "workflow":
      return `/workflows/${targetId}`;
    case "entitlement":
    case "credential":
      return nhiId ? `/identities/${nhiId}` : "/identities";
    default:
      return "/settings/hooks";
  }
}

/** A finding as lists, the detail view and the API show it: the row plus its rule's title and fix. */
export function presentFinding(row: Row, owner: OwnerRef | null, refreshedAt: Date | null = null) {
  const rule = ruleById(row.ruleId);
  const details = row.details ?? {};
  return {
    id: row.id,
    ruleId: row.ruleId,
    title: rule?.title ?? row.ruleId,
    severity: row.severity,
    status: row.status,
    targetType: row.targetType,
    targetId: row.targetId,
    targetName: typeof details.name === "string" ? details.name : null,
    targetHref: targetHref(row.targetType, row.targetId, details),
    ownerId: row.ownerId,
    owner,
    frameworks: row.frameworks,
    remediation: rule?.remediation ?? null,
    details,
    firstSeenAt: row.firstSeenAt,
    // Unchanged live findings are not rewritten by each refresh; the last refresh confirmed them.
    lastSeenAt: row.status !== "resolved" && refreshedAt && refreshedAt > row.lastSeenAt ? refreshedAt : row.lastSeenAt,
    resolvedAt: row.resolvedAt,
    acceptedById: row.acceptedById,
    acceptedReason: row.acceptedReason,
    acceptedUntil: row.acceptedUntil,
  };
}
export type FindingView = ReturnType<typeof presentFinding>;
