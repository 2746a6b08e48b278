"use client";

import * as React from "react";
import { Download } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { ImportResult, Rejection } from "@/lib/domain/import/types";

/** Rendering tens of thousands of rows at once freezes the tab; the rest is one click (or the CSV) away. */
const FIRST_REJECTIONS = 200;

export function ImportResultView({ result }: { result: ImportResult }) {
  const { totals } = result;
  const lineLabel = result.format === "k8s-serviceaccounts" ? "Item" : "Line";
  return (
    <div className="grid gap-6">
      <section aria-label={result.dryRun ? "Preview totals" : "Import totals"} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="Rows in file" value={totals.rows.toLocaleString()} />
        <Stat label={result.dryRun ? "Would create" : "Created"} value={totals.created.toLocaleString()} tone="success" />
        <Stat label={result.dryRun ? "Would update" : "Updated"} value={totals.updated.toLocaleString()} tone="info" />
        <Stat label="Unchanged" value={totals.unchanged.toLocaleString()} />
        <Stat label="Rejected" value={totals.rejected.toLocaleString()} tone={totals.rejected > 0 ? "danger" : "neutral"} />
        <Stat
          label="Credentials"
          value={`${(totals.credentialsCreated + totals.credentialsUpdated).toLocaleString()}`}
          hint={`${totals.credentialsCreated.toLocaleString()} new, ${totals.credentialsUpdated.toLocaleString()} changed`}
        />
      </section>

      {result.rejected.length > 0 ? <RejectedRows rows={result.rejected} lineLabel={lineLabel} /> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <SampleCard
          title={result.dryRun ? "Would be created" : "Created"}
          total={totals.created}
          rows={result.created.map((s) => ({ key: `${s.provider}:${s.externalId}`, provider: s.provider, name: s.name, externalId: s.externalId }))}
        />
        <SampleCard
          title={result.dryRun ? "Would be updated" : "Updated"}
          total={totals.updated}
          rows={result.updated.map((s) => ({ key: `${s.provider}:${s.externalId}`, provider: s.provider, name: s.name, externalId: s.externalId, changes: s.changes }))}
        />
      </div>
    </div>
  );
}

function RejectedRows({ rows, lineLabel }: { rows: Rejection[]; lineLabel: string }) {
  const [showAll, setShowAll] = React.useState(false);
  const shown = showAll ? rows : rows.slice(0, FIRST_REJECTIONS);
  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle>Rejected rows ({rows.length.toLocaleString()})</CardTitle>
          <CardDescription>These rows are skipped; every other row is imported. Fix them in the file and import it again.</CardDescription>
        </div>
        <Button variant="outline" size="sm" onClick={() => downloadRejections(rows, lineLabel)}>
          <Download aria-hidden="true" /> Download CSV
        </Button>
      </CardHeader>
      <CardContent className="grid gap-3">
        <Table stickyHeader>
          <TCaption>
            {shown.length < rows.length ? `The first ${shown.length} of ${rows.length.toLocaleString()} rejected rows` : "Every rejected row"}
          </TCaption>
          <THead>
            <TR>
              <TH className="w-20">{lineLabel}</TH>
              <TH>Reason</TH>
            </TR>
          </THead>
          <TBody>
            {shown.map((r, i) => (
              <TR key={`${r.line}-${i}`}>
                <TD className="tabular-nums">{r.line}</TD>
                <TD className="break-words">{r.reason}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
        {shown.length < rows.length ? (
          <Button variant="ghost" size="sm" className="justify-self-start" onClick={() => setShowAll(true)}>
            Show all {rows.length.toLocaleString()}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

type SampleRow = { key: string; provider: string; name: string; externalId: string; changes?: string[] };

function SampleCard({ title, total, rows }: { title: string; total: number; rows: SampleRow[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          {title} ({total.toLocaleString()})
        </CardTitle>
        {total > rows.length ? <CardDescription>Showing the first {rows.length}.</CardDescription> : null}
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">None.</p>
        ) : (
          <Table stickyHeader containerClassName="max-h-96">
            <THead>
              <TR>
                <TH>Identity</TH>
                <TH>Provider</TH>
                {rows.some((r) => r.changes) ? <TH>Changes</TH> : null}
              </TR>
            </THead>
            <TBody>
              {rows.map((r) => (
                <TR key={r.key}>
                  <TD>
                    <div className="font-medium">{r.name}</div>
                    <div className="max-w-80 truncate font-mono text-xs text-muted-foreground" title={r.externalId}>
                      {r.externalId}
                    </div>
                  </TD>
                  <TD>
                    <Badge variant="outline">{r.provider}</Badge>
                  </TD>
                  {r.changes ? <TD className="text-xs text-muted-foreground">{r.changes.join(", ")}</TD> : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** The rejection list as a CSV; cells are quoted and formula-leading characters defused for spreadsheets. */
function downloadRejections(rows: Rejection[], lineLabel: string) {
  const cell = (value: string) => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replaceAll('"', '""')}"`;
  const csv = [`${lineLabel.toLowerCase()},reason`, ...rows.map((r) => `${r.line},${cell(r.reason)}`)].join("\n");
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: "rejected-rows.csv" });
  link.click();
  // Revoked on the next tick: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
