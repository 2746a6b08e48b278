"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { type FieldErrors, fieldErrorsOf } from "@/components/forms/form-controls";
import { reason as reasonSchema } from "@/lib/validation/common";
import { updateHookAction } from "@/app/(dashboard)/settings/hooks/actions";

export type ToggleHookProps = {
  hook: { id: string; name: string; url: string; active: boolean };
  describedBy?: string;
};

/** Disabling silences a receiver of revocations, so it asks first; enabling is safe and immediate. */
export function ToggleHook({ hook, describedBy }: ToggleHookProps) {
  return hook.active ? <DisableHookDialog hook={hook} describedBy={describedBy} /> : <EnableHookButton hook={hook} describedBy={describedBy} />;
}

function EnableHookButton({ hook, describedBy }: ToggleHookProps) {
  const [pending, startTransition] = React.useTransition();

  function enable() {
    startTransition(async () => {
      const result = await updateHookAction({ id: hook.id, active: true });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(`Enabled ${hook.name}. Revokes from now on reach it; those made while it was disabled were not sent.`);
    });
  }

  return (
    <Button type="button" variant="ghost" size="sm" onClick={enable} loading={pending} aria-describedby={describedBy}>
      Enable
    </Button>
  );
}

function DisableHookDialog({ hook, describedBy }: ToggleHookProps) {
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [pending, startTransition] = React.useTransition();
  const reasonId = `disable-hook-${hook.id}-reason`;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      setReason("");
      setErrors({});
    }
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = reasonSchema.safeParse(reason.trim() || undefined);
    if (!parsed.success) return setErrors({ reason: fieldErrorsOf(parsed.error).form ?? [] });
    setErrors({});
    startTransition(async () => {
      const result = await updateHookAction({ id: hook.id, active: false, reason: parsed.data });
      if (!result.ok) {
        setErrors(fieldErrorsOf(result.fieldErrors));
        toast.error(result.error);
        return;
      }
      toast.success(`Disabled ${hook.name}. Revokes are no longer sent to it.`);
      setOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-describedby={describedBy} className="text-danger hover:bg-danger/10 hover:text-danger">
          Disable
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Disable ${hook.name}?`}
        description={
          "While it is disabled, revokes create no delivery for this hook and deliveries still pending fail, " +
          "so the system behind it keeps granting access until someone revokes it there. Enabling it later does not resend what was missed."
        }
      >
        <form onSubmit={submit} noValidate className="grid gap-4">
          <p className="truncate font-mono text-xs text-muted-foreground" title={hook.url}>
            {hook.url}
          </p>
          <Field label="Reason" htmlFor={reasonId} error={errors.reason} hint="Optional. Shown on the hook and recorded in the audit trail.">
            <Textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} disabled={pending} />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" loading={pending}>
              Disable hook
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
