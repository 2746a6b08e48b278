"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { reason as reasonSchema } from "@/lib/validation/common";
import { revokeApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";
import { type FieldErrors, fieldErrorsOf } from "@/components/forms/form-controls";

export type RevokeApiKeyDialogProps = {
  apiKey: { id: string; name: string; prefix: string };
};

export function RevokeApiKeyDialog({ apiKey }: RevokeApiKeyDialogProps) {
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [pending, startTransition] = React.useTransition();
  const reasonId = `revoke-api-key-${apiKey.id}-reason`;

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
      const result = await revokeApiKeyAction({ id: apiKey.id, reason: parsed.data });
      if (!result.ok) {
        setErrors(fieldErrorsOf(result.fieldErrors));
        toast.error(result.error);
        return;
      }
      toast.success(result.data.revoked ? `Revoked API key ${apiKey.name}.` : `API key ${apiKey.name} was already revoked.`);
      setOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Revoke ${apiKey.name}`}
          className="text-danger hover:bg-danger/10 hover:text-danger"
        >
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Revoke ${apiKey.name}?`}
        description={
          `Every call made with ${apiKey.prefix}… is refused from now on. ` +
          "This cannot be undone; create a new key if the caller still needs access."
        }
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
            <Button type="submit" variant="destructive" loading={pending}>
              Revoke key
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
