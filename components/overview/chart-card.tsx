import * as React from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { VALUE_TONES, type ValueTone } from "@/components/ui/stat";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { cn, focusRing } from "@/lib/utils";

export type Figure = { label: string; value: number; tone?: ValueTone };

/** The headline numbers beside a chart: what a screen-reader or a glance needs without reading the plot. */
export function Figures({ figures }: { figures: Figure[] }) {
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-2">
      {figures.map((f) => (
        <div key={f.label} className="grid gap-0.5">
          <dt className="text-xs text-muted-foreground">{f.label}</dt>
          <dd className={cn("text-lg leading-tight font-semibold tabular-nums", VALUE_TONES[f.tone ?? "neutral"])}>
            {f.value.toLocaleString("en")}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The chart's numbers as a table, folded away under a disclosure: the plot
 * itself is hidden from assistive technology, so this is what a screen reader
 * or keyboard user reads, and anyone can open it to check exact values.
 */
export function ChartDataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: { label: string; values: number[] }[];
}) {
  return (
    <details className="group text-sm">
      <summary className={cn("w-fit cursor-pointer rounded-sm text-xs font-medium text-muted-foreground hover:text-foreground", focusRing)}>
        Show the numbers<span className="sr-only">: {caption}</span>
      </summary>
      <Table containerClassName="mt-2 max-h-72 overflow-y-auto" className="text-xs">
        <TCaption className="sr-only">{caption}</TCaption>
        <THead>
          <TR>
            {columns.map((c, i) => (
              <TH key={c} scope="col" className={cn("sticky top-0", i > 0 && "text-right")}>
                {c}
              </TH>
            ))}
          </TR>
        </THead>
        <TBody>
          {rows.length === 0 ? (
            <TR>
              <TD colSpan={columns.length} className="text-muted-foreground">
                Nothing in this period.
              </TD>
            </TR>
          ) : (
            rows.map((r) => (
              <TR key={r.label}>
                <TH scope="row" className="h-auto bg-transparent py-1.5 font-normal text-foreground shadow-none">
                  {r.label}
                </TH>
                {r.values.map((v, i) => (
                  <TD key={columns[i + 1] ?? i} className="py-1.5 text-right tabular-nums">
                    {v.toLocaleString("en")}
                  </TD>
                ))}
              </TR>
            ))
          )}
        </TBody>
      </Table>
    </details>
  );
}

export function ChartCard({
  id,
  title,
  description,
  empty,
  children,
  className,
}: {
  id: string;
  title: string;
  description: React.ReactNode;
  /** When set, shown instead of the chart. */
  empty?: { icon?: React.ComponentProps<typeof EmptyState>["icon"]; title: string; description: React.ReactNode } | null;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <Card className={className}>
      <section aria-labelledby={id}>
        <CardHeader>
          <CardTitle id={id}>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {empty ? <EmptyState icon={empty.icon} title={empty.title} description={empty.description} className="py-8" /> : children}
        </CardContent>
      </section>
    </Card>
  );
}
