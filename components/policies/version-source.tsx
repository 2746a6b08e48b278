import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { KindBadge, type PolicyKind, type PolicyStatus, StatusBadge } from "./policy-badges";

export type VersionSourceProps = {
  version: number;
  status: PolicyStatus;
  source: string;
  description: string;
  analysis: { kind: PolicyKind; statements: number; forbids: number; permits: number; contextAttributes: string[] } | null;
};

/** A saved version exactly as it is stored (versions never change), with what it reads. */
export function VersionSource({ version, status, source, description, analysis }: VersionSourceProps) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          Version {version} <StatusBadge status={status} /> <KindBadge kind={analysis?.kind ?? null} />
        </CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid gap-3">
        <pre className="max-h-[28rem] overflow-auto rounded-md border border-border bg-muted/50 p-3 font-mono text-[13px] leading-5">
          <code>{source}</code>
        </pre>
        {analysis ? (
          <p className="text-xs text-muted-foreground">
            {analysis.statements} statement{analysis.statements === 1 ? "" : "s"} ({analysis.forbids} forbid, {analysis.permits} permit).{" "}
            {analysis.contextAttributes.length > 0 ? `Reads context: ${analysis.contextAttributes.join(", ")}. ` : "Reads no context. "}
            {analysis.permits > 0 ? "Permit statements never widen access: an entitlement is the only source of permission, guardrails can only forbid." : null}
          </p>
        ) : (
          <p role="alert" className="text-xs font-medium text-danger">
            This source no longer parses. While it is active, every decision it applies to is denied (fail closed): save a corrected version and activate it.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
