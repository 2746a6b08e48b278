"use client";

import * as React from "react";
import { Input } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { DEFAULT_REVOKE_REASON } from "./use-revoke";

export type RowRevokeProps = {
  /** Unique per row; the reason input's id derives from it. */
  id: string;
  /** Ids of the elements naming the row (NHI, data set, credential), so "Revoke" is clear out of context. */
  describedBy: string;
  pending?: boolean;
  onRevoke: (reason: string) => void;
};

/**
 * One click revokes with the default reason; "Reason" opens an inline field
 * for anyone who wants the audit trail to say more. Enter revokes, Escape closes.
 */
export function RowRevoke({ id, describedBy, pending = false, onRevoke }: RowRevokeProps) {
  const [editing, setEditing] = React.useState(false);
  const [reason, setReason] = React.useState(DEFAULT_REVOKE_REASON);
  const inputRef = React.useRef<HTMLInputElement>(null);
  const toggleRef = React.useRef<HTMLButtonElement>(null);
  const fieldId = `${id}-reason`;

  React.useEffect(() => {
    if (editing) inputRef.current?.select();
  }, [editing]);

  function revoke() {
    setEditing(false);
    onRevoke(reason.trim() || DEFAULT_REVOKE_REASON);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      revoke();
    } else if (event.key === "Escape") {
      event.preventDefault();
      setEditing(false);
      toggleRef.current?.focus();
    }
  }

  return (
    <div className="flex flex-col items-end gap-1.5">
      <div className="flex items-center gap-1">
        <Button
          ref={toggleRef}
          type="button"
          variant="ghost"
          size="sm"
          aria-expanded={editing}
          aria-controls={editing ? `${fieldId}-box` : undefined}
          aria-describedby={describedBy}
          onClick={() => setEditing((open) => !open)}
          disabled={pending}
          className="text-muted-foreground"
        >
          Reason
        </Button>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          aria-describedby={describedBy}
          loading={pending}
          onClick={revoke}
          className="text-danger hover:bg-danger/10 hover:text-danger"
        >
          Revoke
        </Button>
      </div>
      {editing ? (
        <div id={`${fieldId}-box`} className="grid w-64 gap-1">
          <label htmlFor={fieldId} className="text-xs font-medium text-muted-foreground">
            Reason for the audit trail
          </label>
          <Input
            ref={inputRef}
            id={fieldId}
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={onKeyDown}
            className="h-8 text-[13px]"
          />
        </div>
      ) : null}
    </div>
  );
}
