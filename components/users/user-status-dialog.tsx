"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { updateUserInput } from "@/lib/validation/users";
import { updateUserAction } from "@/app/(dashboard)/settings/users/actions";
import { type FieldErrors, fieldErrorsOf } from "@/components/forms/form-controls";

export type UserStatusDialogProps = {
  user: { id: string; name: string; active: boolean };
};

const CONSEQUENCES = {
  deactivate:
    "Their sessions end immediately, their API keys stop working, and workflows and NHIs they own become ownerless findings until transferred.",
  reactivate:
    "They can sign in again with their current roles, and their API keys that are neither revoked nor expired work again.",
} as const;

/** Deactivate or reactivate a user, behind a confirmation that spells out the consequence. */
export function UserStatusDialog({ user }: UserStatusDialogProps) {
  const [open, setOpen] = React.useState(false);
  // Captured on open, so the text does not flip when the refreshed row arrives during the close animation.
  const [active, setActive] = React.useState(user.active);
  const trigger = user.active ? "Deactivate" : "Reactivate";
  const verb = active ? "Deactivate" : "Reactivate";
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [pending, startTransition] = React.useTransition();
  const reasonId = `user-status-${user.id}-reason`;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      setActive(user.active);
      setReason("");
      setErrors({});
    }
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { active: !active, reason: reason.trim() || undefined };
    const parsed = updateUserInput.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    startTransition(async () => {
      const result = await updateUserAction({ id: user.id, ...parsed.data });
      if (!result.ok) {
        setErrors(fieldErrorsOf(result.fieldErrors));
        toast.error(result.error);
        return;
      }
      toast.success(result.data.active ? `Reactivated ${result.data.name}.` : `Deactivated ${result.data.name}.`);
      setOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-label={`${trigger} ${user.name}`}
          className={user.active ? "text-danger hover:bg-danger/10 hover:text-danger" : undefined}
        >
          {trigger}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`${verb} ${user.name}?`}
        description={active ? CONSEQUENCES.deactivate : CONSEQUENCES.reactivate}
      >
        <form onSubmit={submit} noValidate className="grid gap-4">
          <Field label="Reason" htmlFor={reasonId} error={errors.reason} hint="Optional. Recorded in the audit trail.">
            <Textarea
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              disabled={pending}
            />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant={active ? "destructive" : "default"} loading={pending}>
              {`${verb} user`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
