"use client";

import * as React from "react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { cn, focusRing, formatDateTime, formatRelative } from "@/lib/utils";
import { SharedSection } from "./shared-badges";
import type { AccessMap, MapRevocation } from "./types";
import { useAccessMap } from "./use-access-map";

const WHAT: Record<string, string> = {
  entitlement: "Entitlement",
  credential: "Credential",
  identity: "NHI (suspended, all its access)",
  workflow: "All access of the workflow",
};

function hooks(n: number) {
  return `${n} ${n === 1 ? "hook" : "hooks"}`;
}

/** Whether the revoke reached the real systems: a revoke whose hooks failed stays flagged until confirmed. */
function Downstream({ revocation: r }: { revocation: MapRevocation }) {
  const { total, succeeded, failed } = r.deliveries;
  if (r.restoredAt) {
    return (
      <Badge variant="neutral" title={`Undone ${formatDateTime(r.restoredAt)}`}>
        Undone
      </Badge>
    );
  }
  if (total === 0) {
    return (
      <Badge variant="neutral" className="text-muted-foreground" title="No active hook subscribed to this event">
        No hooks
      </Badge>
    );
  }
  if (failed > 0) {
    return (
      <span className="flex flex-wrap items-center gap-1.5">
        <Badge variant="danger">Failed on {hooks(failed)}</Badge>
        <Link href="/settings/hooks" className={cn("rounded-sm text-xs font-medium text-primary underline-offset-4 hover:underline", focusRing)}>
          Open hooks<span className="sr-only"> to replay the failed deliveries</span>
        </Link>
      </span>
    );
  }
  if (succeeded === total) return <Badge variant="success">Confirmed downstream</Badge>;
  return <Badge variant="warning">Waiting for {hooks(total - succeeded)}</Badge>;
}

export function RecentRevocations({ initial, now }: { initial: AccessMap; now: Date }) {
  const { map } = useAccessMap(initial);
  const items = map.recentRevocations;
  return (
    <SharedSection
      id="sv-revocations"
      title="Recent revocations"
      description="The latest revokes of this workflow's access, and whether every hook confirmed them downstream."
    >
      {items.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
          Nothing has been revoked here yet. A revoke lands in this list at once, with its hook deliveries.
        </p>
      ) : (
        <Table>
          <TCaption className="sr-only">Latest revocations, newest first. Times are UTC.</TCaption>
          <THead>
            <TR>
              <TH>Time (UTC)</TH>
              <TH>What</TH>
              <TH>Reason</TH>
              <TH>Downstream</TH>
            </TR>
          </THead>
          <TBody>
            {items.map((r) => (
              <TR key={r.id} className="align-top">
                <TD className="whitespace-nowrap tabular-nums">
                  <time dateTime={r.createdAt.toISOString()} title={formatRelative(r.createdAt, now)}>
                    {formatDateTime(r.createdAt)}
                  </time>
                </TD>
                <TD>{WHAT[r.targetType] ?? r.targetType}</TD>
                <TD className="max-w-md text-muted-foreground">{r.reason}</TD>
                <TD>
                  <Downstream revocation={r} />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </SharedSection>
  );
}
