"use client";

import * as React from "react";
import { type FieldErrors, fieldErrorsOf } from "@/components/forms/form-controls";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

export const SECRET_NOTE = "The secret is fingerprinted on the server and discarded; it is never stored or logged";

export type CredentialMaterialFieldsProps = {
  idPrefix: string;
  fingerprint: string;
  onFingerprintChange: (value: string) => void;
  /**
   * The secret stays in the uncontrolled textarea, never in React state:
   * it is read once on submit and the field is cleared right after.
   */
  secretRef: React.RefObject<HTMLTextAreaElement | null>;
  errors: FieldErrors;
  disabled?: boolean;
};

/** A fingerprint, or the secret pasted so the server can fingerprint it; not both. */
export function CredentialMaterialFields({ idPrefix, fingerprint, onFingerprintChange, secretRef, errors, disabled }: CredentialMaterialFieldsProps) {
  return (
    <div className="grid gap-3 rounded-md border border-border p-3">
      <Field label="Fingerprint" htmlFor={`${idPrefix}-fingerprint`} error={errors.fingerprint} hint="e.g. SHA256:… or the key id your provider shows">
        <Input
          value={fingerprint}
          onChange={(e) => onFingerprintChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          disabled={disabled}
        />
      </Field>
      <p className="text-xs font-medium text-muted-foreground" aria-hidden="true">
        or
      </p>
      <Field label="Secret" htmlFor={`${idPrefix}-secret`} error={errors.secret} hint={SECRET_NOTE}>
        <Textarea
          ref={secretRef}
          rows={2}
          autoComplete="off"
          autoCorrect="off"
          autoCapitalize="off"
          spellCheck={false}
          data-1p-ignore
          data-lpignore="true"
          className="font-mono [-webkit-text-security:disc]"
          disabled={disabled}
        />
      </Field>
    </div>
  );
}

/** The pasted secret, or undefined when the field is empty. */
export function readSecret(ref: React.RefObject<HTMLTextAreaElement | null>): string | undefined {
  return ref.current?.value || undefined;
}

function clearSecret(ref: React.RefObject<HTMLTextAreaElement | null>) {
  if (ref.current) ref.current.value = "";
}

/** Sends a credential action, then clears the secret field whatever the answer: the secret is read once. */
export async function sendClearingSecret<T>(ref: React.RefObject<HTMLTextAreaElement | null>, send: () => Promise<T>): Promise<T> {
  const result = await send();
  clearSecret(ref);
  return result;
}

/** The actions wrap the credential body as `input`; field errors come back as `input.name` and belong to `name`. */
function unwrapInputErrors(errors: FieldErrors | undefined): FieldErrors | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(Object.entries(errors).map(([path, messages]) => [path.replace(/^input\./, ""), messages]));
}

/** A credential action's field errors, with a note on the secret field when a pasted secret was cleared. */
export function credentialErrors(errors: FieldErrors | undefined, hadSecret: boolean): FieldErrors {
  const next = fieldErrorsOf(unwrapInputErrors(errors));
  if (hadSecret) next.secret = [...(next.secret ?? []), "Cleared for safety: paste it again."];
  return next;
}
