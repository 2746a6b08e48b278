import * as React from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { WorkflowDetail } from "@/lib/domain/workflows/get-workflow";
import { SensitivityBadge } from "@/components/data-sets/sensitivity-badge";
import { ActionBadges } from "./workflow-badges";

export function ApprovedDataSetsCard({ dataSets }: { dataSets: WorkflowDetail["dataSets"] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3" id="wf-approved-heading">
          Approved data sets
        </CardTitle>
        <CardDescription>
          The business owner&apos;s approval: no entitlement of this workflow may go beyond it without an approved exception.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {dataSets.length === 0 ? (
          <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
            No approved data sets yet. The business owner adds them by editing the workflow; it cannot be activated without one.
          </p>
        ) : (
          <Table>
            <TCaption className="sr-only">Data sets this workflow is approved to use, with the allowed actions.</TCaption>
            <THead>
              <TR>
                <TH scope="col">Data set</TH>
                <TH scope="col">System</TH>
                <TH scope="col">Sensitivity</TH>
                <TH scope="col">Environment</TH>
                <TH scope="col">Actions</TH>
                <TH scope="col">Justification</TH>
              </TR>
            </THead>
            <TBody>
              {dataSets.map((d) => (
                <TR key={d.dataSetId} className="align-top">
                  <TH scope="row" className="h-auto bg-transparent py-2 align-top text-sm font-medium text-foreground shadow-none">
                    {d.name}
                  </TH>
                  <TD>{d.system}</TD>
                  <TD>
                    <SensitivityBadge sensitivity={d.sensitivity} />
                  </TD>
                  <TD className="font-mono text-xs">{d.environment}</TD>
                  <TD>
                    <ActionBadges actions={d.actions} />
                  </TD>
                  <TD className="max-w-md min-w-56 text-muted-foreground">{d.justification}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
