"use client";

import * as React from "react";
import { Link2 } from "lucide-react";
import { toast } from "sonner";
import { bindIdentityAction } from "@/app/(dashboard)/identities/actions";
import { ReasonField } from "@/components/forms/dialog-form";
import { fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { bindIdentityInput } from "@/lib/validation/identities";

export type BindWorkflowDialogProps = {
  nhi: { id: string; name: string };
  /** Workflows it is not bound to yet, retired ones left out. */
  workflows: { id: string; name: string }[];
  /** Already serving a workflow: another binding is NHI reuse, which the dialog says plainly. */
  boundCount: number;
};

export function BindWorkflowDialog({ nhi, workflows, boundCount }: BindWorkflowDialogProps) {
  const [workflowId, setWorkflowId] = React.useState("");
  const [reason, setReason] = React.useState("");
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({
    clearErrorsOnClose: true,
    reset: () => {
      setWorkflowId("");
      setReason("");
    },
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = bindIdentityInput.safeParse({ workflowId, reason: reason.trim() || undefined });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    const workflowName = workflows.find((w) => w.id === workflowId)?.name ?? "the workflow";
    run(
      () => bindIdentityAction({ id: nhi.id, ...parsed.data }),
      (data) => {
        toast.success(data.bound ? `${nhi.name} now serves ${workflowName}` : `${nhi.name} already served ${workflowName}`);
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="outline" size="sm">
          <Link2 aria-hidden="true" />
          Bind to workflow
        </Button>
      }
      title={`Bind ${nhi.name} to a workflow`}
      description={
        boundCount > 0
          ? `It already serves ${boundCount === 1 ? "a workflow" : `${boundCount} workflows`}. Sharing one identity across workflows is NHI reuse (OWASP NHI9); prefer a dedicated NHI per workflow.`
          : "The workflow's business owner then answers for why this identity has access."
      }
      onSubmit={submit}
      submitLabel="Bind to workflow"
    >
      <Field label="Workflow" htmlFor="bind-workflow" error={errors.workflowId} required>
        <Select value={workflowId} onChange={(e) => setWorkflowId(e.target.value)} disabled={pending}>
          <option value="">{workflows.length ? "Choose a workflow" : "No other workflow to bind to"}</option>
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </Select>
      </Field>
      <ReasonField id="bind-reason" value={reason} onChange={setReason} error={errors.reason} disabled={pending} />
    </FormDialog>
  );
}
