import { Badge, type BadgeVariant } from "@/components/ui/badge";

const SEVERITY: Record<string, { variant: BadgeVariant; label: string }> = {
  critical: { variant: "danger", label: "Critical" },
  high: { variant: "danger", label: "High" },
  medium: { variant: "warning", label: "Medium" },
  low: { variant: "info", label: "Low" },
};

export function SeverityBadge({ severity }: { severity: string }) {
  const s = SEVERITY[severity] ?? { variant: "neutral" as const, label: severity };
  return <Badge variant={s.variant}>{s.label}</Badge>;
}

const STATUS: Record<string, { variant: BadgeVariant; label: string }> = {
  open: { variant: "warning", label: "Open" },
  accepted: { variant: "info", label: "Risk accepted" },
  resolved: { variant: "success", label: "Resolved" },
};

export function FindingStatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { variant: "neutral" as const, label: status };
  return <Badge variant={s.variant}>{s.label}</Badge>;
}

/** `OWASP-NHI:NHI7` → `NHI7`, `NIST-AI-RMF:GOVERN-1.5` → `GOVERN 1.5`: short enough for a table cell. */
export function frameworkLabel(id: string): string {
  const code = id.split(":")[1] ?? id;
  return id.startsWith("NIST-AI-RMF:") ? code.replace("-", " ") : code;
}
