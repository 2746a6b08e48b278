import * as React from "react";
import { humanize } from "@/components/lists/list-controls";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { IdentityDetail } from "@/lib/domain/identities/get-identity";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { IdentitySection } from "./identity-section";

type Finding = IdentityDetail["findings"][number];

const SEVERITY_VARIANT: Record<Finding["severity"], BadgeVariant> = { low: "neutral", medium: "info", high: "warning", critical: "danger" };

/** Open (and accepted) risks raised against this identity, with the frameworks they map to. */
export function IdentityFindings({ findings, now }: { findings: Finding[]; now: Date }) {
  const open = findings.filter((f) => f.status !== "resolved");
  return (
    <IdentitySection id="nhi-findings" title="Findings" description="Risks the rules raised for this identity, mapped to the OWASP NHI Top 10 and NIST AI RMF.">
      {open.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-3 py-3 text-sm text-muted-foreground">No open findings for this NHI</p>
      ) : (
        <ul className="grid divide-y divide-border rounded-md border border-border">
          {open.map((f) => {
            const message = typeof f.details.message === "string" ? f.details.message : null;
            return (
              <li key={f.id} className="grid gap-1 px-3 py-2 text-sm">
                <div className="flex flex-wrap items-center gap-1.5">
                  <Badge variant={SEVERITY_VARIANT[f.severity]}>{humanize(f.severity)}</Badge>
                  <span className="font-medium">{humanize(f.ruleId.replace(/[.-]/g, " "))}</span>
                  {f.status === "accepted" ? (
                    <Badge variant="outline" title={f.acceptedReason ?? undefined}>
                      Accepted{f.acceptedUntil ? ` until ${formatDateTime(f.acceptedUntil)}` : ""}
                    </Badge>
                  ) : null}
                </div>
                {message ? <p className="text-muted-foreground">{message}</p> : null}
                <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                  {f.frameworks.map((ref) => (
                    <Badge key={ref} variant="outline" className="font-mono">
                      {ref}
                    </Badge>
                  ))}
                  <span>
                    First seen{" "}
                    <time dateTime={f.firstSeenAt.toISOString()} title={formatDateTime(f.firstSeenAt)}>
                      {formatRelative(f.firstSeenAt, now)}
                    </time>
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </IdentitySection>
  );
}
