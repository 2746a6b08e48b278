import { Fragment } from "react";
import { Dash } from "@/components/lists/list-controls";
import { TBody, TD, TActionsHead, TH, THead, TR, Table } from "@/components/ui/table";
import { When } from "@/components/ui/when";
import { cn, focusRing, formatDateTime } from "@/lib/utils";
import { DeliveryStatusBadge } from "./hook-badges";
import type { DeliveryStatus } from "./hook-meta";
import { ReplayButton } from "./replay-button";

export type DeliveryAttempt = {
  id: string;
  attempt: number;
  startedAt: Date;
  latencyMs: number | null;
  responseStatus: number | null;
  error: string | null;
};

export type DeliveryItem = {
  id: string;
  eventType: string;
  createdAt: Date;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  payload: unknown;
  attemptLog: DeliveryAttempt[];
};

const SUMMARY = cn("w-fit cursor-pointer rounded-sm text-sm font-medium text-primary select-none", focusRing);

function NextAttempt({ delivery, now }: { delivery: DeliveryItem; now: Date }) {
  if (delivery.status !== "pending") return <Dash label="None" />;
  if (delivery.nextAttemptAt <= now) return <span>Due now</span>;
  return <When value={delivery.nextAttemptAt} now={now} relative />;
}

function AttemptLog({ delivery, label }: { delivery: DeliveryItem; label: string }) {
  if (delivery.attemptLog.length === 0) return <p className="text-sm text-muted-foreground">Not attempted yet.</p>;
  return (
    <details>
      <summary className={SUMMARY}>Attempt log ({delivery.attemptLog.length})</summary>
      <Table aria-label={`Attempts of ${label}`} containerClassName="mt-2">
        <THead>
          <TR>
            <TH>Attempt #</TH>
            <TH>Time</TH>
            <TH className="text-right">Latency (ms)</TH>
            <TH>HTTP status</TH>
            <TH>Error</TH>
          </TR>
        </THead>
        <TBody>
          {delivery.attemptLog.map((a) => (
            <TR key={a.id}>
              <TD className="tabular-nums">{a.attempt}</TD>
              <TD className="whitespace-nowrap">{formatDateTime(a.startedAt)}</TD>
              <TD className="text-right tabular-nums">{a.latencyMs ?? <Dash label="Not measured" />}</TD>
              <TD className="tabular-nums">
                {a.responseStatus === null ? (
                  <Dash label="No response" />
                ) : (
                  <span className={a.responseStatus >= 200 && a.responseStatus < 300 ? "text-success" : "text-danger"}>
                    {a.responseStatus}
                  </span>
                )}
              </TD>
              <TD className="max-w-96 text-xs break-words">{a.error ?? <Dash label="None" />}</TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </details>
  );
}

export type DeliveriesTableProps = {
  deliveries: readonly DeliveryItem[];
  canReplay: boolean;
};

/** Each delivery is a summary row plus a row below it holding its attempt log and payload. */
export function DeliveriesTable({ deliveries, canReplay }: DeliveriesTableProps) {
  const now = new Date();
  return (
    <Table aria-label="Deliveries">
      <THead>
        <TR>
          <TH>Event</TH>
          <TH>Created</TH>
          <TH>Status</TH>
          <TH className="text-right">Attempts</TH>
          <TH>Next attempt</TH>
          {canReplay ? <TActionsHead /> : null}
        </TR>
      </THead>
      <TBody>
        {deliveries.map((d) => {
          const eventId = `delivery-${d.id}-event`;
          const label = `${d.eventType} delivery created ${formatDateTime(d.createdAt)}`;
          return (
            <Fragment key={d.id}>
              <TR className="border-b-0 hover:bg-transparent">
                <TD id={eventId} className="font-mono text-xs">
                  {d.eventType}
                </TD>
                <TD className="whitespace-nowrap">
                  <When value={d.createdAt} now={now} />
                </TD>
                <TD>
                  <span className="grid justify-items-start gap-1">
                    <DeliveryStatusBadge status={d.status} />
                    {d.deliveredAt ? (
                      <span className="text-xs text-muted-foreground">
                        <When value={d.deliveredAt} now={now} relative />
                      </span>
                    ) : null}
                  </span>
                </TD>
                <TD className="text-right tabular-nums">{d.attempts}</TD>
                <TD className="whitespace-nowrap">
                  <NextAttempt delivery={d} now={now} />
                </TD>
                {canReplay ? (
                  <TD className="text-right">
                    <ReplayButton deliveryId={d.id} describedBy={eventId} />
                  </TD>
                ) : null}
              </TR>
              <TR className="hover:bg-transparent">
                <TD colSpan={canReplay ? 6 : 5} className="pt-0 pb-3">
                  <div className="grid gap-2">
                    <AttemptLog delivery={d} label={label} />
                    <details>
                      <summary className={SUMMARY}>Payload</summary>
                      <pre
                        tabIndex={0}
                        aria-label={`Payload of ${label}`}
                        className={cn("mt-2 max-h-80 overflow-auto rounded-md bg-muted p-3 font-mono text-xs", focusRing)}
                      >
                        {JSON.stringify(d.payload, null, 2)}
                      </pre>
                    </details>
                  </div>
                </TD>
              </TR>
            </Fragment>
          );
        })}
      </TBody>
    </Table>
  );
}
