"use client";

import * as React from "react";
import { toast } from "sonner";
import { revokeCredentialAction } from "@/app/(dashboard)/identities/actions";
import { type FieldErrors, fieldErrorsOf } from "@/components/forms/form-controls";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { revokeInput } from "@/lib/validation/credentials";

export type RevokeCredentialDialogProps = {
  credential: { id: string; name: string };
  /** Id of the element naming the credential, so the button's purpose is clear out of context. */
  describedBy: string;
};

export function RevokeCredentialDialog({ credential, describedBy }: RevokeCredentialDialogProps) {
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [pending, startTransition] = React.useTransition();
  const reasonId = `revoke-${credential.id}-reason`;

  function onOpenChange(next: boolean) {
    setOpen(next);
    setErrors({});
    if (next) setReason("");
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = revokeInput.safeParse({ reason: reason.trim() || undefined });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    startTransition(async () => {
      const result = await revokeCredentialAction({ id: credential.id, ...parsed.data });
      if (!result.ok) {
        setErrors(fieldErrorsOf(result.fieldErrors));
        toast.error(result.error);
        return;
      }
      toast.success(result.data.revoked ? `Revoked ${result.data.name}` : `${result.data.name} was already revoked`);
      setOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-describedby={describedBy} className="text-danger hover:bg-danger/10 hover:text-danger">
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Revoke ${credential.name}?`}
        description="It stops being valid at once and every subscribed revocation hook is told. Register a new credential if the workload still needs one."
      >
        <form onSubmit={submit} noValidate className="grid gap-4">
          <Field label="Reason" htmlFor={reasonId} error={errors.reason} hint="Recorded in the audit trail and sent with the revocation event.">
            <Textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} disabled={pending} />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" loading={pending}>
              Revoke
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
