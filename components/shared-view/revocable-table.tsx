"use client";

import * as React from "react";
import { RowRevoke } from "@/components/revocation/row-revoke";
import { type UseRevokeOptions, useRevoke } from "@/components/revocation/use-revoke";
import { TActionsHead, TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";

export type RevocableTableProps<T> = {
  rows: readonly T[];
  /** One <TR>, keyed, per row. */
  renderRow: (row: T) => React.ReactNode;
  caption: React.ReactNode;
  columns: readonly string[];
  /** Adds the column of Revoke buttons. */
  mayRevoke: boolean;
  /** Shown instead of the table when there are no rows: what would appear here, and how it gets here. */
  empty: React.ReactNode;
};

/** A table of the shared view whose live rows can be revoked in one click (entitlements, credentials). */
export function RevocableTable<T>({ rows, renderRow, caption, columns, mayRevoke, empty }: RevocableTableProps<T>) {
  if (rows.length === 0) {
    return <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">{empty}</p>;
  }
  return (
    <Table>
      <TCaption className="sr-only">{caption}</TCaption>
      <THead>
        <TR>
          {columns.map((column) => (
            <TH key={column}>{column}</TH>
          ))}
          {mayRevoke ? <TActionsHead /> : null}
        </TR>
      </THead>
      <TBody>{rows.map(renderRow)}</TBody>
    </Table>
  );
}

type RowVars = { id: string; reason: string };

/**
 * Revokes one row. Focus moves to the row's status, because the Revoke button
 * leaves with the row's open status and keyboard users would otherwise be lost.
 */
export function useRowRevoke(id: string, options: UseRevokeOptions<RowVars>) {
  const statusRef = React.useRef<HTMLSpanElement>(null);
  const revoke = useRevoke<RowVars>(options);

  function onRevoke(reason: string) {
    revoke.mutate({ id, reason });
    statusRef.current?.focus();
  }

  return { statusRef, pending: revoke.isPending, onRevoke };
}

/** The status badge, focusable from script only, so focus has somewhere to land after a revoke. */
export function RowStatus({ ref, children }: { ref: React.Ref<HTMLSpanElement>; children: React.ReactNode }) {
  return (
    <span ref={ref} tabIndex={-1} className="rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring">
      {children}
    </span>
  );
}

export type RevokeCellProps = {
  mayRevoke: boolean;
  /** Only open rows offer Revoke; the rest keep an empty cell. */
  live: boolean;
  id: string;
  /** Ids of the elements naming the row, so "Revoke" is clear out of context. */
  describedBy: string;
  pending: boolean;
  onRevoke: (reason: string) => void;
};

export function RevokeCell({ mayRevoke, live, id, describedBy, pending, onRevoke }: RevokeCellProps) {
  if (!mayRevoke) return null;
  return <TD className="text-right">{live ? <RowRevoke id={id} describedBy={describedBy} pending={pending} onRevoke={onRevoke} /> : null}</TD>;
}
