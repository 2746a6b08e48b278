import * as React from "react";
import Link from "next/link";
import { SeverityBadge } from "@/components/findings/severity-badge";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { FrameworkCoverage } from "@/lib/domain/findings/list-frameworks";

type Section = FrameworkCoverage[number];
type Item = Section["items"][number];

const COVERAGE: Record<Item["coverage"], { variant: BadgeVariant; label: string }> = {
  rules: { variant: "success", label: "Detected by rules" },
  controls: { variant: "info", label: "Controls only" },
  none: { variant: "neutral", label: "Not covered" },
};

/** One framework: per item, the controls that address it, the rules that detect it, and its open findings. */
export function FrameworkSection({ section }: { section: Section }) {
  const open = section.openFindings;
  return (
    <section aria-labelledby={`framework-${section.id}`} className="grid gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`framework-${section.id}`} className="text-lg font-semibold">
          {section.title}
        </h2>
        <span className="text-sm text-muted-foreground">
          {section.items.filter((i) => i.coverage === "rules").length} of {section.items.length} items detected by rules · {open} open{" "}
          {open === 1 ? "finding" : "findings"}
        </span>
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        {section.items.map((item) => (
          <FrameworkItemCard key={item.id} item={item} />
        ))}
      </div>
    </section>
  );
}

function FrameworkItemCard({ item }: { item: Item }) {
  const coverage = COVERAGE[item.coverage];
  const findingsHref = `/findings?framework=${encodeURIComponent(item.id)}`;
  return (
    <Card>
      <CardHeader>
        <div className="flex items-start justify-between gap-3">
          <CardTitle as="h3" className="text-base">
            <span className="font-mono text-muted-foreground">{item.code}</span> {item.title}
          </CardTitle>
          <Link
            href={findingsHref}
            className="shrink-0 text-sm font-medium whitespace-nowrap text-primary underline-offset-4 hover:underline"
            aria-label={`${item.openFindings} open findings for ${item.code} ${item.title}`}
          >
            <span className="tabular-nums">{item.openFindings}</span> open
          </Link>
        </div>
        <CardDescription className="flex flex-wrap items-center gap-2">
          <Badge variant={coverage.variant}>{coverage.label}</Badge>
          {item.acceptedFindings > 0 ? (
            <Link href={`${findingsHref}&status=accepted`} className="text-xs underline-offset-4 hover:underline">
              {item.acceptedFindings} risk-accepted
            </Link>
          ) : null}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {item.note ? <p className="text-muted-foreground">{item.note}</p> : null}
        <div className="grid gap-1">
          <h4 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Controls</h4>
          {item.controls.length ? (
            <ul className="grid gap-1">
              {item.controls.map((c) => (
                <li key={c.id}>
                  <Link href={c.href} className="font-medium text-primary underline-offset-4 hover:underline" title={c.description}>
                    {c.title}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted-foreground">None in Countersign.</p>
          )}
        </div>
        <div className="grid gap-1">
          <h4 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">Rules</h4>
          {item.rules.length ? (
            <ul className="grid gap-1">
              {item.rules.map((r) => (
                <li key={r.id} className="flex items-center gap-2">
                  <SeverityBadge severity={r.severity} />
                  <Link href={`/findings?ruleId=${r.id}`} className="underline-offset-4 hover:underline">
                    {r.title}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted-foreground">No rule detects this item.</p>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
