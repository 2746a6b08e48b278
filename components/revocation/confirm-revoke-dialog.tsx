"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";

export type ConfirmRevokeDialogProps = {
  /** The destructive button that opens the dialog. */
  trigger: React.ReactElement;
  title: React.ReactNode;
  description: React.ReactNode;
  confirmLabel: string;
  defaultReason: string;
  pending: boolean;
  /** Called with the reason; resolve true to close the dialog. */
  onConfirm: (reason: string) => Promise<boolean>;
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
    if (await onConfirm(reason.trim() || defaultReason)) setOpen(false);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description} className="max-w-xl">
        <form onSubmit={submit} noValidate className="grid gap-4">
          {children}
          <Field label="Reason" htmlFor={reasonId} hint="Recorded in the audit trail and sent with the revocation events.">
            <Textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} disabled={pending} />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" loading={pending} disabled={nothingToRevoke}>
              {confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
