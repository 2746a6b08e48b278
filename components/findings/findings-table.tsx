import * as React from "react";
import Link from "next/link";
import { OwnerName } from "@/components/lists/list-controls";
import { Badge } from "@/components/ui/badge";
import { TActionsHead, TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { When } from "@/components/ui/when";
import type { FindingView } from "@/lib/domain/findings/present";
import { AcceptRiskDialog } from "./accept-risk-dialog";
import { FindingStatusBadge, SeverityBadge, frameworkLabel } from "./severity-badge";

const TARGET_LABEL: Record<string, string> = {
  nhi: "Identity",
  workflow: "Workflow",
  entitlement: "Entitlement",
  credential: "Credential",
  revocation: "Revocation",
};

export type FindingsTableProps = {
  items: FindingView[];
  now: Date;
  /** Whether this person may accept this finding's risk (its owner, or an identity owner). */
  mayAccept: (finding: FindingView) => boolean;
};

export function FindingsTable({ items, now, mayAccept }: FindingsTableProps) {
  return (
    <Table>
      <TCaption className="sr-only">Findings, most severe first</TCaption>
      <THead>
        <TR>
          <TH scope="col">Finding</TH>
          <TH scope="col">Severity</TH>
          <TH scope="col">Target</TH>
          <TH scope="col">Owner</TH>
          <TH scope="col">Frameworks</TH>
          <TH scope="col">Status</TH>
          <TH scope="col">First seen</TH>
          <TActionsHead />
        </TR>
      </THead>
      <TBody>
        {items.map((f) => (
          <TR key={f.id} className="align-top">
            <TD className="max-w-[28rem]">
              <div className="grid gap-1">
                <span className="font-medium">{f.title}</span>
                {f.remediation ? (
                  <p className="text-xs text-muted-foreground">
                    <span className="font-medium text-foreground">Fix: </span>
                    {f.remediation}
                  </p>
                ) : null}
                {f.status === "accepted" && f.acceptedReason ? (
                  <p className="text-xs text-muted-foreground">
                    <span className="font-medium text-foreground">Accepted until </span>
                    {f.acceptedUntil ? <When value={f.acceptedUntil} now={now} /> : null}: {f.acceptedReason}
                  </p>
                ) : null}
              </div>
            </TD>
            <TD>
              <SeverityBadge severity={f.severity} />
            </TD>
            <TD>
              <div className="grid gap-0.5">
                <Link href={f.targetHref} className="font-medium text-primary underline-offset-4 hover:underline">
                  {f.targetName ?? f.targetId}
                </Link>
                <span className="text-xs text-muted-foreground">{TARGET_LABEL[f.targetType] ?? f.targetType}</span>
              </div>
            </TD>
            <TD>
              <OwnerName owner={f.owner} />
            </TD>
            <TD>
              <ul className="flex max-w-[12rem] flex-wrap gap-1" aria-label="Framework items">
                {f.frameworks.map((id) => (
                  <li key={id}>
                    <Link href={`/findings?framework=${encodeURIComponent(id)}`} title={id}>
                      <Badge variant="outline" className="font-mono">
                        {frameworkLabel(id)}
                      </Badge>
                    </Link>
                  </li>
                ))}
              </ul>
            </TD>
            <TD>
              <div className="grid justify-items-start gap-0.5">
                <FindingStatusBadge status={f.status} />
                {f.resolvedAt ? (
                  <span className="text-xs text-muted-foreground">
                    <When value={f.resolvedAt} now={now} relative />
                  </span>
                ) : null}
              </div>
            </TD>
            <TD className="whitespace-nowrap tabular-nums">
              <When value={f.firstSeenAt} now={now} relative />
            </TD>
            <TD className="text-right">
              {f.status !== "resolved" && mayAccept(f) ? <AcceptRiskDialog findingId={f.id} title={f.title} targetName={f.targetName} /> : null}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
