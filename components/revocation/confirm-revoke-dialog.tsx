"use client";

import * as React from "react";
import { DialogFormFooter, ReasonField } from "@/components/forms/dialog-form";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";

export type ConfirmRevokeDialogProps = {
  /** The destructive button that opens the dialog. */
  trigger: React.ReactElement;
  title: React.ReactNode;
  description: React.ReactNode;
  confirmLabel: string;
  defaultReason: string;
  pending: boolean;
  /** Revokes with the reason; the dialog closes once it resolves and stays open if it rejects (the mutation has told why). */
  onConfirm: (reason: string) => Promise<unknown>;
  /** What will be revoked, for an informed confirmation. */
  children?: React.ReactNode;
  /** Keeps the confirm button disabled, e.g. when there is nothing left to revoke. */
  nothingToRevoke?: boolean;
};

/** The confirm step of the broad revokes (kill switch, NHI); one-row revokes skip it and rely on Undo. */
export function ConfirmRevokeDialog({
  trigger,
  title,
  description,
  confirmLabel,
  defaultReason,
  pending,
  onConfirm,
  children,
  nothingToRevoke = false,
}: ConfirmRevokeDialogProps) {
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState(defaultReason);
  const reasonId = React.useId();

  function onOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (next) setReason(defaultReason);
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      await onConfirm(reason.trim() || defaultReason);
      setOpen(false);
    } catch {
      // Stay open so the reason can be sent again.
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description} className="max-w-xl">
        <form onSubmit={submit} noValidate className="grid gap-4">
          {children}
          <ReasonField
            id={reasonId}
            value={reason}
            onChange={setReason}
            disabled={pending}
            rows={2}
            hint="Recorded in the audit trail and sent with the revocation events."
          />
          <DialogFormFooter pending={pending} variant="destructive" submitDisabled={nothingToRevoke}>
            {confirmLabel}
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
