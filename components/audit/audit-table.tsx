import Link from "next/link";
import { cn, focusRing, formatDateTime } from "@/lib/utils";
import type { AuditEventRow } from "@/lib/domain/audit/list-audit-events";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { Dash } from "@/components/lists/list-controls";

const ACTOR_TYPES: Record<AuditEventRow["actorType"], { label: string; variant: BadgeVariant }> = {
  user: { label: "User", variant: "neutral" },
  api_key: { label: "API key", variant: "info" },
  system: { label: "System", variant: "outline" },
};

function JsonBlock({ label, value }: { label: string; value: Record<string, unknown> | null }) {
  return (
    <figure className="grid min-w-0 gap-1">
      <figcaption className="text-xs font-medium text-muted-foreground">{label}</figcaption>
      <pre className="max-h-72 overflow-auto rounded-md border border-border bg-muted/60 p-2 font-mono text-xs leading-relaxed whitespace-pre">
        {value === null ? <span className="text-muted-foreground">(none)</span> : JSON.stringify(value, null, 2)}
      </pre>
    </figure>
  );
}

function Changes({ event }: { event: AuditEventRow }) {
  if (event.before === null && event.after === null) return <Dash label="No recorded changes" />;
  return (
    <details className="group">
      <summary className={cn("cursor-pointer rounded-sm text-sm font-medium text-primary select-none hover:underline", focusRing)}>
        Changes<span className="sr-only"> recorded by event {event.seq}</span>
      </summary>
      <div className="mt-2 grid w-[min(44rem,80vw)] gap-3 md:grid-cols-2">
        <JsonBlock label="Before" value={event.before} />
        <JsonBlock label="After" value={event.after} />
      </div>
    </details>
  );
}

function targetHistoryHref(type: string, id: string): string {
  return `/audit?${new URLSearchParams({ targetType: type, targetId: id }).toString()}`;
}

export function AuditTable({ events }: { events: AuditEventRow[] }) {
  return (
    <Table>
      <TCaption className="sr-only">Audit events, newest first. Times are UTC.</TCaption>
      <THead>
        <TR>
          <TH scope="col" className="text-right">
            Seq
          </TH>
          <TH scope="col">Time (UTC)</TH>
          <TH scope="col">Actor</TH>
          <TH scope="col">Action</TH>
          <TH scope="col">Target</TH>
          <TH scope="col">Reason</TH>
          <TH scope="col">Changes</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((event) => {
          const actorType = ACTOR_TYPES[event.actorType];
          return (
            <TR key={event.seq} className="align-top">
              <TD className="text-right font-mono text-xs text-muted-foreground tabular-nums">#{event.seq}</TD>
              <TD className="whitespace-nowrap tabular-nums">
                <time dateTime={event.occurredAt.toISOString()} title={event.occurredAt.toISOString()}>
                  {formatDateTime(event.occurredAt)}
                </time>
              </TD>
              <TD>
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="max-w-[16rem] truncate" title={event.actorLabel}>
                    {event.actorLabel}
                  </span>
                  <Badge variant={actorType.variant}>{actorType.label}</Badge>
                </div>
              </TD>
              <TD>
                <code className="font-mono text-xs whitespace-nowrap">{event.action}</code>
              </TD>
              <TD>
                <div className="grid gap-0.5">
                  <span>{event.targetType}</span>
                  {event.targetId ? (
                    <Link
                      href={targetHistoryHref(event.targetType, event.targetId)}
                      aria-label={`All events for ${event.targetType} ${event.targetId}`}
                      title={event.targetId}
                      className={cn("max-w-[12rem] truncate rounded-sm font-mono text-xs text-muted-foreground hover:text-foreground hover:underline", focusRing)}
                    >
                      {event.targetId}
                    </Link>
                  ) : null}
                </div>
              </TD>
              <TD className="max-w-xs text-muted-foreground">{event.reason ?? <Dash label="No reason given" />}</TD>
              <TD>
                <Changes event={event} />
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
