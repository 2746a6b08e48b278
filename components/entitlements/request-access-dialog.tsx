"use client";

import * as React from "react";
import { toast } from "sonner";
import type { z } from "zod";
import { requestEntitlementAction } from "@/app/(dashboard)/requests/actions";
import { fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { requestEntitlementInput } from "@/lib/validation/entitlements";
import type { dataAction } from "@/lib/validation/workflows";
import { ApprovedAccessFields } from "./approved-access-fields";
import { useRequestableDataSets } from "./use-requestable-data-sets";

type Option = { id: string; name: string };
type Action = z.infer<typeof dataAction>;

export type RequestAccessDialogProps = {
  /** The NHIs to choose from; with `fixedIdentityId` only that one is offered. */
  identities?: Option[];
  workflows: Option[];
  fixedIdentityId?: string;
  fixedWorkflowId?: string;
  trigger: React.ReactNode;
};

type Values = {
  workflowId: string;
  identityId: string;
  dataSetId: string;
  actions: Action[];
  jit: boolean;
  ttlMinutes: string;
  expiresAt: string;
  justification: string;
};

/**
 * Asks for access for an NHI on behalf of a workflow. The data sets offered are
 * the workflow's approved ones; anything outside is still sent so the server's
 * refusal (DESIGN invariant 1) explains why, instead of the form silently hiding it.
 */
export function RequestAccessDialog({ identities = [], workflows, fixedIdentityId, fixedWorkflowId, trigger }: RequestAccessDialogProps) {
  const initial = (): Values => ({
    workflowId: fixedWorkflowId ?? "",
    identityId: fixedIdentityId ?? "",
    dataSetId: "",
    actions: [],
    jit: false,
    ttlMinutes: "",
    expiresAt: "",
    justification: "",
  });
  const [values, setValues] = React.useState<Values>(initial);
  const { open, onOpenChange: changeOpen, errors, setErrors, pending, formRef, run } = useFormDialog({ clearErrorsOnClose: true });
  const requestable = useRequestableDataSets();
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const workflowOptions = onlyFixed(workflows, fixedWorkflowId, "This workflow");
  const identityOptions = onlyFixed(identities, fixedIdentityId, "This NHI");

  // Unlike the other dialogs, this one starts over on close as well as on open.
  function onOpenChange(next: boolean) {
    changeOpen(next);
    setValues(initial());
    if (next && fixedWorkflowId) void requestable.load(fixedWorkflowId);
    else requestable.reset();
  }

  function chooseWorkflow(workflowId: string) {
    setValues((v) => ({ ...v, workflowId, dataSetId: "", actions: [] }));
    void requestable.load(workflowId);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const minutes = values.ttlMinutes.trim() === "" ? null : Number(values.ttlMinutes);
    const parsed = requestEntitlementInput.safeParse({
      workflowId: values.workflowId,
      identityId: values.identityId,
      dataSetId: values.dataSetId,
      actions: values.actions,
      jit: values.jit,
      maxTtlSeconds: minutes === null ? null : Math.round(minutes * 60),
      expiresAt: values.expiresAt || null,
      justification: values.justification,
    });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    run(
      () => requestEntitlementAction(parsed.data),
      () => {
        toast.success("Request sent: waiting for business and identity approval");
        onOpenChange(false);
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={trigger}
      title="Request access"
      description="Access becomes active only when the workflow's business owner and an identity owner have both approved it."
      contentClassName="max-w-xl"
      onSubmit={submit}
      submitLabel="Send request"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Workflow" htmlFor="request-workflow" error={errors.workflowId} required>
          <Select value={values.workflowId} onChange={(e) => chooseWorkflow(e.target.value)} disabled={pending}>
            {fixedWorkflowId ? null : <option value="">Choose a workflow</option>}
            {workflowOptions.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="NHI" htmlFor="request-identity" error={errors.identityId} required>
          <Select value={values.identityId} onChange={(e) => set("identityId", e.target.value)} disabled={pending}>
            {fixedIdentityId ? null : <option value="">Choose an NHI</option>}
            {identityOptions.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <ApprovedAccessFields
        state={requestable.state}
        dataSetId={values.dataSetId}
        actions={values.actions}
        onDataSetChange={(dataSetId, approved) =>
          // Keep only ticked actions the new data set is approved for.
          setValues((v) => ({ ...v, dataSetId, actions: v.actions.filter((a) => approved.includes(a)) }))
        }
        onActionsChange={(actions) => set("actions", actions)}
        errors={errors}
        disabled={pending}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid content-start gap-1.5">
          <div className="flex items-center gap-2 pt-6">
            <input
              type="checkbox"
              id="request-jit"
              checked={values.jit}
              onChange={(e) => set("jit", e.target.checked)}
              disabled={pending}
              aria-describedby="request-jit-hint"
              className="size-4 cursor-pointer accent-primary"
            />
            <label htmlFor="request-jit" className="cursor-pointer text-sm font-medium">
              JIT
            </label>
          </div>
          <p id="request-jit-hint" className="text-xs text-muted-foreground">
            Just in time: the NHI gets a short-lived token per task instead of standing access.
          </p>
        </div>
        <Field
          label="Max TTL (minutes)"
          htmlFor="request-ttl"
          error={errors.maxTtlSeconds}
          hint="JIT only. Privileged NHIs: at most 15 minutes; utility: 60. Empty means the cap."
        >
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={values.ttlMinutes}
            onChange={(e) => set("ttlMinutes", e.target.value)}
            disabled={pending}
          />
        </Field>
      </div>
      <Field label="Expires" htmlFor="request-expires" error={errors.expiresAt} hint="Optional. The access ends on this date (UTC) even if nobody revokes it.">
        <Input type="date" value={values.expiresAt} onChange={(e) => set("expiresAt", e.target.value)} disabled={pending} />
      </Field>
      <Field
        label="Justification"
        htmlFor="request-justification"
        error={errors.justification}
        hint="What task needs this access? Both approvers read this."
        required
      >
        <Textarea rows={3} value={values.justification} onChange={(e) => set("justification", e.target.value)} maxLength={2000} disabled={pending} />
      </Field>
    </FormDialog>
  );
}

function onlyFixed(options: Option[], fixedId: string | undefined, fallbackName: string): Option[] {
  if (!fixedId) return options;
  const match = options.find((o) => o.id === fixedId);
  return [match ?? { id: fixedId, name: fallbackName }];
}
