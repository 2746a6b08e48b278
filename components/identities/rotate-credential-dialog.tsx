"use client";

import * as React from "react";
import { toast } from "sonner";
import { rotateCredentialAction } from "@/app/(dashboard)/identities/actions";
import { ReasonField } from "@/components/forms/dialog-form";
import { fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { rotateCredentialInput } from "@/lib/validation/credentials";
import { CredentialMaterialFields, credentialErrors, readSecret, sendClearingSecret } from "./credential-material-fields";

export type RotateCredentialDialogProps = {
  credential: { id: string; name: string };
  /** Id of the element naming the credential, so the button's purpose is clear out of context. */
  describedBy: string;
};

/** Replaces a credential with a new one; the old fingerprint stops being valid in the same transaction. */
export function RotateCredentialDialog({ credential, describedBy }: RotateCredentialDialogProps) {
  const [fingerprint, setFingerprint] = React.useState("");
  const [expiresAt, setExpiresAt] = React.useState("");
  const [reason, setReason] = React.useState("");
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({
    clearErrorsOnClose: true,
    reset: () => {
      setFingerprint("");
      setExpiresAt("");
      setReason("");
    },
  });
  const secretRef = React.useRef<HTMLTextAreaElement>(null);
  const p = `rotate-${credential.id}`;

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
    run(
      () => sendClearingSecret(secretRef, () => rotateCredentialAction({ id: credential.id, input: parsed.data })),
      (data) => {
        toast.success(`Rotated ${data.name}; the old credential is no longer valid`);
        close();
      },
      { errorsOf: (fieldErrors) => credentialErrors(fieldErrors, Boolean(secret)) },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="ghost" size="sm" aria-describedby={describedBy}>
          Rotate
        </Button>
      }
      title={`Rotate ${credential.name}`}
      description="Record the replacement. The current credential is marked rotated at once and its fingerprint stops counting as valid."
      onSubmit={submit}
      submitLabel="Rotate"
    >
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
      <ReasonField id={`${p}-reason`} value={reason} onChange={setReason} error={errors.reason} disabled={pending} />
    </FormDialog>
  );
}
