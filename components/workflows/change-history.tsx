import * as React from "react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { Dash } from "@/components/lists/list-controls";
import type { AuditEventRow } from "@/lib/domain/audit/list-audit-events";
import { cn, focusRing, formatDateTime } from "@/lib/utils";

export type ChangeHistoryProps = {
  workflowId: string;
  /** Newest first; null when the caller may not read the audit trail. */
  events: AuditEventRow[] | null;
};

/** The workflow's own audit events: who changed what, when and why. */
export function ChangeHistory({ workflowId, events }: ChangeHistoryProps) {
  const fullTrail = `/audit?${new URLSearchParams({ targetType: "workflow", targetId: workflowId }).toString()}`;
  return (
    <section aria-labelledby="wf-history-heading" className="grid gap-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="space-y-1">
          <h2 id="wf-history-heading" className="text-lg font-semibold tracking-tight">
            Change history
          </h2>
          <p className="text-sm text-muted-foreground">Every change to this workflow, newest first, from the tamper-evident audit trail.</p>
        </div>
        {events?.length ? (
          <Link href={fullTrail} className={cn("rounded-sm text-sm font-medium text-primary underline-offset-4 hover:underline", focusRing)}>
            Open in the audit trail
          </Link>
        ) : null}
      </div>
      {events === null ? (
        <p className="text-sm text-muted-foreground">You cannot read the audit trail, so the change history is hidden.</p>
      ) : events.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">No changes recorded yet.</p>
      ) : (
        <Table>
          <TCaption className="sr-only">Changes to this workflow, newest first. Times are UTC.</TCaption>
          <THead>
            <TR>
              <TH scope="col">Time (UTC)</TH>
              <TH scope="col">Actor</TH>
              <TH scope="col">Action</TH>
              <TH scope="col">Reason</TH>
            </TR>
          </THead>
          <TBody>
            {events.map((event) => (
              <TR key={event.seq} className="align-top">
                <TD className="whitespace-nowrap tabular-nums">
                  <time dateTime={event.occurredAt.toISOString()}>{formatDateTime(event.occurredAt)}</time>
                </TD>
                <TD>
                  <span className="flex flex-wrap items-center gap-1.5">
                    <span className="max-w-[16rem] truncate" title={event.actorLabel}>
                      {event.actorLabel}
                    </span>
                    {event.actorType === "user" ? null : <Badge variant="outline">{event.actorType === "api_key" ? "API key" : "System"}</Badge>}
                  </span>
                </TD>
                <TD className="font-mono text-xs">{event.action}</TD>
                <TD className="max-w-md text-muted-foreground">{event.reason ?? <Dash label="No reason given" />}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
