"use client";

import * as React from "react";
import { KeyRound } from "lucide-react";
import { toast } from "sonner";
import { registerCredentialAction } from "@/app/(dashboard)/identities/actions";
import { fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { humanize } from "@/components/lists/list-controls";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { STATIC_CREDENTIAL_KINDS, registerCredentialInput } from "@/lib/validation/credentials";
import { CredentialMaterialFields, credentialErrors, readSecret, sendClearingSecret } from "./credential-material-fields";

type Values = {
  kind: (typeof STATIC_CREDENTIAL_KINDS)[number];
  name: string;
  fingerprint: string;
  location: string;
  entitlementId: string;
  issuedAt: string;
  expiresAt: string;
  rotationPeriodDays: string;
};

const EMPTY: Values = { kind: "api_key", name: "", fingerprint: "", location: "", entitlementId: "", issuedAt: "", expiresAt: "", rotationPeriodDays: "" };

export type RegisterCredentialDialogProps = {
  nhi: { id: string; name: string };
  /** This NHI's pending and active entitlements, for a credential issued only for one task. */
  entitlements: { id: string; label: string }[];
};

/** Records a credential's metadata; a pasted secret is only fingerprinted, on the server, then dropped. */
export function RegisterCredentialDialog({ nhi, entitlements }: RegisterCredentialDialogProps) {
  const [values, setValues] = React.useState<Values>(EMPTY);
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({
    clearErrorsOnClose: true,
    reset: () => setValues(EMPTY),
  });
  const secretRef = React.useRef<HTMLTextAreaElement>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const secret = readSecret(secretRef);
    const parsed = registerCredentialInput.safeParse({
      kind: values.kind,
      name: values.name,
      fingerprint: values.fingerprint.trim() || undefined,
      secret,
      location: values.location.trim() || undefined,
      entitlementId: values.entitlementId || null,
      issuedAt: values.issuedAt || undefined,
      expiresAt: values.expiresAt || null,
      rotationPeriodDays: values.rotationPeriodDays.trim() ? Number(values.rotationPeriodDays) : null,
    });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    run(
      () => sendClearingSecret(secretRef, () => registerCredentialAction({ id: nhi.id, input: parsed.data })),
      (data) => {
        toast.success(`Registered ${data.name}${data.fingerprint ? ` (${data.fingerprint.slice(0, 19)}…)` : ""}`);
        close();
      },
      { errorsOf: (fieldErrors) => credentialErrors(fieldErrors, Boolean(secret)) },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="outline" size="sm">
          <KeyRound aria-hidden="true" />
          Register credential
        </Button>
      }
      title={`Register a credential of ${nhi.name}`}
      description="Countersign keeps metadata only: what the credential is, where it lives and when it expires."
      contentClassName="max-w-xl"
      onSubmit={submit}
      submitLabel="Save credential"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Kind" htmlFor="cred-kind" error={errors.kind} required>
          <Select value={values.kind} onChange={(e) => set("kind", e.target.value as Values["kind"])} disabled={pending}>
            {STATIC_CREDENTIAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {humanize(k)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Name" htmlFor="cred-name" error={errors.name} required>
          <Input value={values.name} onChange={(e) => set("name", e.target.value)} autoComplete="off" disabled={pending} />
        </Field>
      </div>
      <CredentialMaterialFields
        idPrefix="cred"
        fingerprint={values.fingerprint}
        onFingerprintChange={(v) => set("fingerprint", v)}
        secretRef={secretRef}
        errors={errors}
        disabled={pending}
      />
      <Field label="Location" htmlFor="cred-location" error={errors.location} hint="Where it is kept, e.g. a vault path such as secret/data/billing/stripe">
        <Input value={values.location} onChange={(e) => set("location", e.target.value)} autoComplete="off" spellCheck={false} disabled={pending} />
      </Field>
      <Field
        label="Scoped to entitlement"
        htmlFor="cred-entitlement"
        error={errors.entitlementId}
        hint="Optional: issued only for that task, so revoking the entitlement accounts for it too."
      >
        <Select value={values.entitlementId} onChange={(e) => set("entitlementId", e.target.value)} disabled={pending}>
          <option value="">{entitlements.length ? "Not scoped to one entitlement" : "No open entitlements to scope to"}</option>
          {entitlements.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </Select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Issued" htmlFor="cred-issued" error={errors.issuedAt} hint="Empty means today.">
          <Input type="date" value={values.issuedAt} onChange={(e) => set("issuedAt", e.target.value)} disabled={pending} />
        </Field>
        <Field label="Expires" htmlFor="cred-expires" error={errors.expiresAt} hint="Empty means never: a long-lived secret (OWASP NHI7).">
          <Input type="date" value={values.expiresAt} onChange={(e) => set("expiresAt", e.target.value)} disabled={pending} />
        </Field>
        <Field label="Rotation period (days)" htmlFor="cred-rotation" error={errors.rotationPeriodDays}>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            value={values.rotationPeriodDays}
            onChange={(e) => set("rotationPeriodDays", e.target.value)}
            disabled={pending}
          />
        </Field>
      </div>
    </FormDialog>
  );
}
