"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { z } from "zod";
import { createIdentityAction, updateIdentityAction } from "@/app/(dashboard)/identities/actions";
import { ReasonField } from "@/components/forms/dialog-form";
import { fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { humanize } from "@/components/lists/list-controls";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { environment } from "@/lib/validation/data-sets";
import { classification, createIdentityInput, nhiKind, nhiStatus, provider, updateIdentityInput } from "@/lib/validation/identities";
import type { ActionResult } from "@/lib/server/action";
import { PROVIDER_LABEL } from "./identity-badges";

type Option = { id: string; name: string };

export type IdentityValues = {
  id?: string;
  name: string;
  kind: z.infer<typeof nhiKind>;
  provider: z.infer<typeof provider> | "";
  externalId: string;
  environment: z.infer<typeof environment>;
  classification: z.infer<typeof classification>;
  ownerId: string | null;
  status: z.infer<typeof nhiStatus>;
  description: string;
};

const EMPTY: IdentityValues = {
  name: "",
  kind: "service_account",
  provider: "",
  externalId: "",
  environment: "prod",
  classification: "utility",
  ownerId: null,
  status: "active",
  description: "",
};

export type IdentityDialogProps = {
  /** Present when editing; provider and external id identify the NHI and stay fixed. */
  initial?: IdentityValues;
  owners: Option[];
  /** Workflows a new NHI may be bound to at once. */
  workflows?: Option[];
  trigger: React.ReactNode;
};

/** Registers (no `initial`) or edits an NHI, validating with the API's own schema before sending. */
export function IdentityDialog({ initial, owners, workflows = [], trigger }: IdentityDialogProps) {
  const router = useRouter();
  const editing = Boolean(initial?.id);
  const [values, setValues] = React.useState<IdentityValues>(initial ?? EMPTY);
  const [workflowId, setWorkflowId] = React.useState("");
  const [reason, setReason] = React.useState("");
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({
    clearErrorsOnClose: true,
    reset: () => {
      setValues(initial ?? EMPTY);
      setWorkflowId("");
      setReason("");
    },
  });
  const set = <K extends keyof IdentityValues>(key: K, value: IdentityValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const p = editing ? "edit-nhi" : "new-nhi";

  function send(call: () => Promise<ActionResult<{ id: string; name: string }>>) {
    run(call, (saved) => {
      if (editing) toast.success(`Saved ${saved.name}`);
      else toast.success(`Registered ${saved.name}`, { action: { label: "Open", onClick: () => router.push(`/identities/${saved.id}`) } });
      close();
    });
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { id, provider: chosenProvider, externalId, status, ...common } = values;
    if (id) {
      const parsed = updateIdentityInput.safeParse({ ...common, status, reason: reason.trim() || undefined });
      if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
      return send(() => updateIdentityAction({ id, ...parsed.data }));
    }
    const parsed = createIdentityInput.safeParse({ ...common, provider: chosenProvider, externalId, workflowIds: workflowId ? [workflowId] : [] });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    send(() => createIdentityAction(parsed.data));
  }

  const enumSelect = <K extends "kind" | "environment" | "classification" | "status">(key: K, label: string, options: readonly IdentityValues[K][]) => (
    <Field label={label} htmlFor={`${p}-${key}`} error={errors[key]}>
      <Select value={values[key]} onChange={(e) => set(key, e.target.value as IdentityValues[K])} disabled={pending}>
        {options.map((o) => (
          <option key={o} value={o}>
            {key === "environment" ? o : humanize(o)}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={trigger}
      title={editing ? `Edit ${initial?.name}` : "New NHI"}
      description="Every NHI needs an accountable owner; without one it is a finding, not a silent gap."
      contentClassName="max-w-xl"
      onSubmit={submit}
      submitLabel={editing ? "Save NHI" : "Create NHI"}
    >
      <Field label="Name" htmlFor={`${p}-name`} error={errors.name} required>
        <Input value={values.name} onChange={(e) => set("name", e.target.value)} autoComplete="off" disabled={pending} />
      </Field>
      {editing ? (
        <p className="text-sm text-muted-foreground">
          {values.provider ? PROVIDER_LABEL[values.provider] : null} ·{" "}
          <span className="font-mono break-all text-foreground">{values.externalId}</span>
          <span className="block text-xs">Provider and external id identify the NHI and cannot change.</span>
        </p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Provider" htmlFor={`${p}-provider`} error={errors.provider} required>
            <Select value={values.provider} onChange={(e) => set("provider", e.target.value as IdentityValues["provider"])} disabled={pending}>
              <option value="">Choose a provider</option>
              {provider.options.map((o) => (
                <option key={o} value={o}>
                  {PROVIDER_LABEL[o]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="External id" htmlFor={`${p}-external-id`} error={errors.externalId} hint="ARN, SPIFFE ID, client id…" required>
            <Input value={values.externalId} onChange={(e) => set("externalId", e.target.value)} autoComplete="off" spellCheck={false} className="font-mono" disabled={pending} />
          </Field>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {enumSelect("kind", "Kind", nhiKind.options)}
        {enumSelect("environment", "Environment", environment.options)}
        {enumSelect("classification", "Classification", classification.options)}
        {editing ? enumSelect("status", "Status", nhiStatus.options) : null}
        <Field label="Owner" htmlFor={`${p}-owner`} error={errors.ownerId} hint="The identity owner accountable for it.">
          <Select value={values.ownerId ?? ""} onChange={(e) => set("ownerId", e.target.value || null)} disabled={pending}>
            <option value="">No owner (raises a finding)</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </Select>
        </Field>
        {editing ? null : (
          <Field label="Workflow" htmlFor={`${p}-workflow`} error={errors.workflowIds} hint="Optional. The workflow it runs for.">
            <Select value={workflowId} onChange={(e) => setWorkflowId(e.target.value)} disabled={pending}>
              <option value="">Not bound yet</option>
              {workflows.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <Field label="Description" htmlFor={`${p}-description`} error={errors.description}>
        <Textarea rows={3} value={values.description} onChange={(e) => set("description", e.target.value)} maxLength={2000} disabled={pending} />
      </Field>
      {editing ? (
        <ReasonField id={`${p}-reason`} value={reason} onChange={setReason} error={errors.reason} disabled={pending} />
      ) : null}
    </FormDialog>
  );
}
