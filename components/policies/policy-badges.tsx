import { Clock, Database } from "lucide-react";
import { Badge } from "@/components/ui/badge";

export type PolicyKind = "context-free" | "request-context";
export type PolicyStatus = "draft" | "active" | "archived";

const KIND = {
  "context-free": {
    label: "Context-free",
    title: "Reads only identity, data set, workflow and entitlement facts: decided ahead of time and stored on each entitlement, so it costs nothing per request.",
    icon: Database,
  },
  "request-context": {
    label: "Request-context",
    title: "Reads the request (the hour, whether a JIT token was presented): evaluated on every request it applies to.",
    icon: Clock,
  },
} as const;

/** Where a policy is evaluated; null means the stored source no longer parses (it denies everything it touches). */
export function KindBadge({ kind }: { kind: PolicyKind | null }) {
  if (!kind) {
    return (
      <Badge variant="danger" title="The source no longer parses. While active it denies every decision it applies to (fail closed).">
        Invalid
      </Badge>
    );
  }
  const { label, title, icon: Icon } = KIND[kind];
  return (
    <Badge variant="outline" title={title}>
      <Icon aria-hidden="true" />
      {label}
    </Badge>
  );
}

const STATUS = {
  active: { variant: "success", label: "Active" },
  draft: { variant: "info", label: "Draft" },
  archived: { variant: "neutral", label: "Archived" },
} as const;

export function StatusBadge({ status }: { status: PolicyStatus }) {
  return <Badge variant={STATUS[status].variant}>{STATUS[status].label}</Badge>;
}
