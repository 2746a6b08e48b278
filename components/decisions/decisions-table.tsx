import Link from "next/link";
import type { DecisionListItem } from "@/lib/domain/runtime/list-decisions";
import { cn, focusRing } from "@/lib/utils";
import { Dash } from "@/components/lists/list-controls";
import { Badge } from "@/components/ui/badge";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";

/** Seconds matter in a decision log: "2026-11-28 14:03:07 UTC". */
function formatDecisionTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function filterHref(key: "identityId" | "dataSetId", id: string): string {
  return `/decisions?${new URLSearchParams({ [key]: id }).toString()}`;
}

const linkClass = cn("rounded-sm hover:underline", focusRing);

/** What the caller asked about when it did not resolve to an object: shown as sent. */
function Unresolved({ value, what }: { value: string; what: string }) {
  return (
    <span className="grid gap-0.5">
      <code className="max-w-[16rem] truncate font-mono text-xs" title={value}>
        {value}
      </code>
      <span className="text-xs text-muted-foreground">unknown {what}</span>
    </span>
  );
}

export function DecisionsTable({ items }: { items: DecisionListItem[] }) {
  return (
    <Table>
      <TCaption className="sr-only">Runtime authorization decisions, newest first. Times are UTC.</TCaption>
      <THead>
        <TR>
          <TH scope="col">Time (UTC)</TH>
          <TH scope="col">Identity</TH>
          <TH scope="col">Action</TH>
          <TH scope="col">Data set</TH>
          <TH scope="col">Workflow</TH>
          <TH scope="col">Decision</TH>
          <TH scope="col">Reason</TH>
        </TR>
      </THead>
      <TBody>
        {items.map((d) => (
          <TR key={d.id} className="align-top">
            <TD className="whitespace-nowrap tabular-nums">
              <time dateTime={d.decidedAt.toISOString()} title={`${d.decidedAt.toISOString()} · decision ${d.id}`}>
                {formatDecisionTime(d.decidedAt)}
              </time>
            </TD>
            <TD>
              {d.identity ? (
                <Link href={filterHref("identityId", d.identity.id)} className={linkClass} aria-label={`Only decisions of ${d.identity.name}`}>
                  {d.identity.name}
                </Link>
              ) : (
                <Unresolved value={d.subject} what="identity" />
              )}
            </TD>
            <TD>
              <code className="font-mono text-xs">{d.action}</code>
            </TD>
            <TD>
              {d.dataSet ? (
                <Link href={filterHref("dataSetId", d.dataSet.id)} className={linkClass} aria-label={`Only decisions on ${d.dataSet.name}`}>
                  {d.dataSet.name}
                </Link>
              ) : (
                <Unresolved value={d.resource} what="data set" />
              )}
            </TD>
            <TD>
              {d.workflow ? (
                <Link href={`/workflows/${d.workflow.id}`} className={linkClass}>
                  {d.workflow.name}
                </Link>
              ) : (
                <Dash label="No workflow" />
              )}
            </TD>
            <TD>{d.decision ? <Badge variant="success">Allow</Badge> : <Badge variant="danger">Deny</Badge>}</TD>
            <TD className="max-w-xs">
              {d.reasonCode ? (
                <span className="grid gap-0.5">
                  <code className="font-mono text-xs">{d.reasonCode}</code>
                  {d.reasonMessage ? <span className="text-xs text-muted-foreground">{d.reasonMessage}</span> : null}
                </span>
              ) : (
                <Dash label="Allowed, no reason" />
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
