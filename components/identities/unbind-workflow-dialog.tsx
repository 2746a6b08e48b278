"use client";

import * as React from "react";
import { toast } from "sonner";
import { unbindIdentityAction } from "@/app/(dashboard)/identities/actions";
import { type FieldErrors, fieldErrorsOf } from "@/components/forms/form-controls";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { bindIdentityInput } from "@/lib/validation/identities";

export type UnbindWorkflowDialogProps = {
  nhi: { id: string; name: string };
  workflow: { id: string; name: string };
  /** Id of the element naming the workflow, so the button's purpose is clear out of context. */
  describedBy: string;
};

export function UnbindWorkflowDialog({ nhi, workflow, describedBy }: UnbindWorkflowDialogProps) {
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [pending, startTransition] = React.useTransition();
  const reasonId = `unbind-${workflow.id}-reason`;

  function onOpenChange(next: boolean) {
    setOpen(next);
    setErrors({});
    if (next) setReason("");
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = bindIdentityInput.safeParse({ workflowId: workflow.id, reason: reason.trim() || undefined });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    startTransition(async () => {
      const result = await unbindIdentityAction({ id: nhi.id, ...parsed.data });
      if (!result.ok) {
        setErrors(fieldErrorsOf(result.fieldErrors));
        toast.error(result.error);
        return;
      }
      toast.success(result.data.unbound ? `${nhi.name} no longer serves ${workflow.name}` : `${nhi.name} was not bound to ${workflow.name}`);
      setOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-describedby={describedBy}>
          Unbind
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Unbind ${nhi.name} from ${workflow.name}?`}
        description="The workflow stops listing this identity. An NHI that still holds open entitlements for the workflow cannot be unbound: revoke them first, so no access is left behind."
      >
        <form onSubmit={submit} noValidate className="grid gap-4">
          <Field label="Reason" htmlFor={reasonId} error={errors.reason} hint="Optional. Recorded in the audit trail.">
            <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} disabled={pending} />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" loading={pending}>
              Unbind
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
