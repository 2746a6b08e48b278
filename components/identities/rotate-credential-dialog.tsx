"use client";

import * as React from "react";
import { toast } from "sonner";
import { rotateCredentialAction } from "@/app/(dashboard)/identities/actions";
import { type FieldErrors, fieldErrorsOf, focusFirstInvalid } from "@/components/forms/form-controls";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { rotateCredentialInput } from "@/lib/validation/credentials";
import { CredentialMaterialFields, clearSecret, readSecret, unwrapInputErrors } from "./credential-material-fields";

export type RotateCredentialDialogProps = {
  credential: { id: string; name: string };
  /** Id of the element naming the credential, so the button's purpose is clear out of context. */
  describedBy: string;
};

/** Replaces a credential with a new one; the old fingerprint stops being valid in the same transaction. */
export function RotateCredentialDialog({ credential, describedBy }: RotateCredentialDialogProps) {
  const [open, setOpen] = React.useState(false);
  const [fingerprint, setFingerprint] = React.useState("");
  const [expiresAt, setExpiresAt] = React.useState("");
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [pending, startTransition] = React.useTransition();
  const formRef = React.useRef<HTMLFormElement>(null);
  const secretRef = React.useRef<HTMLTextAreaElement>(null);
  const p = `rotate-${credential.id}`;

  React.useEffect(() => {
    if (!pending) focusFirstInvalid(formRef.current);
  }, [errors, pending]);

  function onOpenChange(next: boolean) {
    setOpen(next);
    setErrors({});
    if (next) {
      setFingerprint("");
      setExpiresAt("");
      setReason("");
    }
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const secret = readSecret(secretRef);
    const parsed = rotateCredentialInput.safeParse({
      fingerprint: fingerprint.trim() || undefined,
      secret,
      // Empty keeps the old credential's lifetime; null would mean "never expires".
      expiresAt: expiresAt || undefined,
      reason: reason.trim() || undefined,
    });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    startTransition(async () => {
      const result = await rotateCredentialAction({ id: credential.id, input: parsed.data });
      clearSecret(secretRef);
      if (!result.ok) {
        const next = fieldErrorsOf(unwrapInputErrors(result.fieldErrors));
        if (secret) next.secret = [...(next.secret ?? []), "Cleared for safety: paste it again."];
        setErrors(next);
        toast.error(result.error);
        return;
      }
      toast.success(`Rotated ${result.data.name}; the old credential is no longer valid`);
      setOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-describedby={describedBy}>
          Rotate
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Rotate ${credential.name}`}
        description="Record the replacement. The current credential is marked rotated at once and its fingerprint stops counting as valid."
      >
        <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4">
          <CredentialMaterialFields
            idPrefix={p}
            fingerprint={fingerprint}
            onFingerprintChange={setFingerprint}
            secretRef={secretRef}
            errors={errors}
            disabled={pending}
          />
          <Field label="Expires" htmlFor={`${p}-expires`} error={errors.expiresAt} hint="Empty keeps the same lifetime as the credential it replaces.">
            <Input type="date" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} disabled={pending} />
          </Field>
          <Field label="Reason" htmlFor={`${p}-reason`} error={errors.reason} hint="Optional. Recorded in the audit trail.">
            <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} disabled={pending} />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" loading={pending}>
              Rotate
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
