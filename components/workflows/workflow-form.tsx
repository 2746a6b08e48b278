"use client";

import * as React from "react";
import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { InlineAlert } from "@/components/lists/list-controls";
import { focusFirstInvalid } from "@/components/forms/form-controls";
import { ApprovedDataSetsFields } from "./approved-data-sets-fields";
import { AutonomyVendorFields } from "./autonomy-vendor-fields";
import { ChangeImpactDialog } from "./change-impact-dialog";
import { EscalationPathFields } from "./escalation-path-fields";
import { ExceptionConditionsFields } from "./exception-conditions-fields";
import { FormSection } from "./form-section";
import { CadenceField, OwnerFields } from "./owner-fields";
import { useWorkflowSubmit } from "./use-workflow-submit";
import {
  type DataSetOption,
  type PathErrors,
  type UserOption,
  type WorkflowFormValues,
  emptyValues,
  unplacedErrors,
  withoutErrorsUnder,
} from "./workflow-form-model";

type Common = { users: UserOption[]; dataSets: DataSetOption[]; businessOwnerName: string };
export type WorkflowFormProps = Common &
  (
    | { mode: "create" }
    | {
        mode: "edit";
        workflowId: string;
        initial: WorkflowFormValues;
        formerIdentityOwner: { id: string; name: string } | null;
        may: { editBusiness: boolean; editTechnical: boolean };
      }
  );

/** Declares a workflow (new) or changes one (edit); both validate with the shared zod schemas before the server does. */
export function WorkflowForm(props: WorkflowFormProps) {
  const edit = props.mode === "edit" ? props : null;
  const [values, setValues] = React.useState<WorkflowFormValues>(() => edit?.initial ?? emptyValues(props.dataSets.length > 0));
  const [reason, setReason] = React.useState("");
  const submit = useWorkflowSubmit(
    edit ? { mode: "edit", workflowId: edit.workflowId, initial: edit.initial, may: edit.may } : { mode: "create" },
  );
  const { errors, setErrors, serverError, failedAttempts, pending } = submit;
  const formRef = React.useRef<HTMLFormElement>(null);

  React.useEffect(() => {
    if (failedAttempts > 0) focusFirstInvalid(formRef.current);
  }, [failedAttempts]);

  const business = !edit || edit.may.editBusiness;
  const technical = !edit || edit.may.editTechnical;

  function set<K extends keyof WorkflowFormValues>(key: K, value: WorkflowFormValues[K], structural = false) {
    setValues((v) => ({ ...v, [key]: value }));
    if (structural) setErrors((e: PathErrors) => withoutErrorsUnder(e, key));
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit.run(values, reason);
  }

  const summary = unplacedErrors(errors);
  const ownersHint = edit
    ? "Changes only by Transfer ownership on the workflow page, so the hand-over is explicit and audited."
    : "You: whoever declares a workflow is accountable for it.";

  return (
    <>
      <form
        ref={formRef}
        onSubmit={onSubmit}
        noValidate
        className="grid max-w-5xl gap-8"
        aria-label={edit ? "Edit workflow" : "New workflow"}
      >
        {serverError || summary.length ? (
          <InlineAlert title={serverError ?? "Some fields need attention"}>
            {summary.length ? (
              <ul className="list-disc pl-5">
                {summary.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            ) : null}
          </InlineAlert>
        ) : null}
        {edit && (!business || !technical) ? (
          <p className="rounded-md border border-border bg-muted/50 px-4 py-3 text-sm text-muted-foreground">
            {!business
              ? "Only the workflow's business owner changes its task, data sets, escalation path, exception conditions, autonomy and vendor; those fields are read-only for you. "
              : ""}
            {!technical ? "Only identity owners change the identity owner and review cadence once the workflow has left draft." : ""}
          </p>
        ) : null}

        <FormSection id="wf-task" title="Task" description="What business task justifies the access?">
          <Field label="Name" htmlFor="wf-name" error={errors.name} required>
            <Input value={values.name} maxLength={120} autoComplete="off" onChange={(e) => set("name", e.target.value)} disabled={!business} />
          </Field>
          <Field
            label="Purpose"
            htmlFor="wf-purpose"
            error={errors.purpose}
            hint="Describe the business task that justifies the access, in a sentence or two"
            required
          >
            <Textarea rows={4} maxLength={4000} value={values.purpose} onChange={(e) => set("purpose", e.target.value)} disabled={!business} />
          </Field>
        </FormSection>

        <FormSection
          id="wf-data-sets"
          title="Approved data sets"
          description="The data the task may touch and the actions it may take. Entitlements can never go beyond this approval without an exception."
        >
          <ApprovedDataSetsFields
            rows={values.dataSets}
            onChange={(rows, structural) => set("dataSets", rows, structural)}
            options={props.dataSets}
            errors={errors}
            disabled={!business}
          />
        </FormSection>

        <FormSection
          id="wf-escalation"
          title="Escalation path"
          description="Who decides, in order, when the business owner does not answer an approval or an overdue review."
        >
          <EscalationPathFields
            steps={values.escalationPath}
            onChange={(steps, structural) => set("escalationPath", steps, structural)}
            users={props.users}
            errors={errors}
            disabled={!business}
          />
        </FormSection>

        <FormSection
          id="wf-conditions"
          title="Exception conditions"
          description="Circumstances in which access outside the approved data sets may be requested. Each exception still needs the business owner's approval and expires."
        >
          <ExceptionConditionsFields
            lines={values.exceptionConditions}
            onChange={(lines, structural) => set("exceptionConditions", lines, structural)}
            errors={errors}
            disabled={!business}
          />
        </FormSection>

        <FormSection id="wf-autonomy" title="Autonomy & vendor" description="How much the workflow acts without a person, and whose tooling runs it.">
          <AutonomyVendorFields
            autonomy={values.autonomy}
            onAutonomyChange={(v) => set("autonomy", v)}
            vendorManaged={values.vendorManaged}
            onVendorManagedChange={(v) => set("vendorManaged", v)}
            vendor={values.vendor}
            onVendorChange={(v) => set("vendor", v)}
            errors={errors}
            disabled={!business}
          />
        </FormSection>

        <FormSection id="wf-owners" title="Owners" description="One accountable person per side. Both owners are required to activate.">
          <OwnerFields
            businessOwner={props.businessOwnerName}
            businessOwnerHint={ownersHint}
            identityOwnerId={values.identityOwnerId}
            formerIdentityOwner={edit?.formerIdentityOwner}
            onIdentityOwnerChange={(v) => set("identityOwnerId", v)}
            users={props.users}
            errors={errors}
            disabled={!technical}
          />
        </FormSection>

        <FormSection id="wf-cadence" title="Review cadence" description="How often each entitlement of this workflow is re-certified.">
          <CadenceField value={values.reviewCadenceDays} onChange={(v) => set("reviewCadenceDays", v)} errors={errors} disabled={!technical} />
        </FormSection>

        {edit ? (
          <FormSection id="wf-reason" title="Reason for change" description="Recorded in the workflow's change history and the audit trail.">
            <Field label="Reason for change" htmlFor="wf-change-reason" error={errors.reason} hint="Optional.">
              <Textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
          </FormSection>
        ) : null}

        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" loading={pending}>
            {edit ? "Review changes" : "Save draft"}
          </Button>
          <Link href={edit ? `/workflows/${edit.workflowId}` : "/workflows"} className={buttonVariants({ variant: "ghost" })}>
            Cancel
          </Link>
          {!edit ? <p className="text-sm text-muted-foreground">Drafts grant nothing; activate the workflow once both owners agree.</p> : null}
        </div>
      </form>
      {edit ? (
        <ChangeImpactDialog impact={submit.impact} onCancel={submit.cancelReview} onConfirm={submit.confirm} saving={submit.saving} />
      ) : null}
    </>
  );
}
