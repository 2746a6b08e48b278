import * as React from "react";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { Dash, humanize } from "@/components/lists/list-controls";
import type { WorkflowDetail } from "@/lib/domain/workflows/get-workflow";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { ExceptionDecision } from "./exception-decision";
import { RequestExceptionDialog } from "./request-exception-dialog";
import { ActionBadges } from "./workflow-badges";
import type { DataSetOption } from "./workflow-form-model";

type ExceptionRow = WorkflowDetail["exceptions"][number];

const STATUS_VARIANT: Record<ExceptionRow["status"], BadgeVariant> = {
  pending: "warning",
  approved: "success",
  denied: "danger",
  revoked: "outline",
};

export type ExceptionsCardProps = {
  workflowId: string;
  exceptions: ExceptionRow[];
  dataSets: DataSetOption[];
  mayRequest: boolean;
  mayDecide: boolean;
  actorUserId: string | null;
};

/** Approved, expiring deviations from the approval, and the requests waiting for the business owner. */
export function ExceptionsCard({ workflowId, exceptions, dataSets, mayRequest, mayDecide, actorUserId }: ExceptionsCardProps) {
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle as="h3" id="wf-exceptions-heading">
            Exceptions
          </CardTitle>
          <CardDescription>Time-boxed access outside the approved data sets, decided by the business owner.</CardDescription>
        </div>
        {mayRequest ? <RequestExceptionDialog workflowId={workflowId} dataSets={dataSets} /> : null}
      </CardHeader>
      <CardContent>
        {exceptions.length === 0 ? (
          <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
            No exceptions. When the task needs access beyond its approval for a while, request an exception: the business owner
            decides, and it ends on its own at expiry.
          </p>
        ) : (
          <Table>
            <TCaption className="sr-only">Exceptions of this workflow, newest first. Expiry times are UTC.</TCaption>
            <THead>
              <TR>
                <TH scope="col">Data set</TH>
                <TH scope="col">Actions</TH>
                <TH scope="col">Reason</TH>
                <TH scope="col">Status</TH>
                <TH scope="col">Expires (UTC)</TH>
                {mayDecide ? <TH scope="col">Decision</TH> : null}
              </TR>
            </THead>
            <TBody>
              {exceptions.map((e) => (
                <TR key={e.id} className="align-top">
                  <TH scope="row" className="h-auto bg-transparent py-2 align-top text-sm font-medium text-foreground shadow-none">
                    {e.dataSetName}
                  </TH>
                  <TD>
                    <ActionBadges actions={e.actions} />
                  </TD>
                  <TD className="max-w-sm min-w-48 text-muted-foreground">{e.reason}</TD>
                  <TD>
                    <span className="flex flex-wrap gap-1">
                      <Badge variant={STATUS_VARIANT[e.status]}>{humanize(e.status)}</Badge>
                      {e.expired ? <Badge variant="danger">Expired</Badge> : null}
                    </span>
                  </TD>
                  <TD className="whitespace-nowrap tabular-nums">
                    <time dateTime={e.expiresAt.toISOString()}>{formatDateTime(e.expiresAt)}</time>
                    {!e.expired ? <span className="block text-xs text-muted-foreground">{formatRelative(e.expiresAt)}</span> : null}
                  </TD>
                  {mayDecide ? (
                    <TD>
                      <DecisionCell exception={e} actorUserId={actorUserId} />
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function DecisionCell({ exception, actorUserId }: { exception: ExceptionRow; actorUserId: string | null }) {
  if (exception.status !== "pending" || exception.expired) {
    return exception.decidedAt ? (
      <span className="text-xs whitespace-nowrap text-muted-foreground">Decided {formatDateTime(exception.decidedAt)}</span>
    ) : (
      <Dash label="No decision" />
    );
  }
  // Nobody decides their own request; a delegate on the escalation path does.
  if (exception.requestedById === actorUserId) {
    return <span className="text-xs text-muted-foreground">You requested it; an escalation delegate decides.</span>;
  }
  return <ExceptionDecision exceptionId={exception.id} dataSetName={exception.dataSetName} />;
}
