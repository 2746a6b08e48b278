"use client";

import * as React from "react";
import { FilePlus } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { ReasonField } from "@/components/forms/dialog-form";
import { EndOfDayField, endOfDayIso } from "@/components/forms/end-of-day-field";
import { CheckboxGroup } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { requestExceptionInput } from "@/lib/validation/exceptions";
import { dataAction } from "@/lib/validation/workflows";
import { requestExceptionAction } from "@/app/(dashboard)/workflows/actions";
import { type DataAction, type DataSetOption, dataSetLabel } from "./workflow-form-model";

const ACTION_OPTIONS = dataAction.options.map((value) => ({ value, label: value }));
// The schema allows up to 180 days from now; the last whole day that stays inside it is 179 days ahead.
const MAX_DAYS_AHEAD = 179;

/** Asks the business owner for time-boxed access outside the approved data sets. */
export function RequestExceptionDialog({ workflowId, dataSets }: { workflowId: string; dataSets: DataSetOption[] }) {
  const [dataSetId, setDataSetId] = React.useState("");
  const [actions, setActions] = React.useState<DataAction[]>(["read"]);
  const [reason, setReason] = React.useState("");
  const [expiresOn, setExpiresOn] = React.useState("");
  const { open, onOpenChange, close, errors, pending, formRef, validate, run } = useFormDialog({
    lockWhilePending: true,
    reset: () => {
      setDataSetId("");
      setActions(["read"]);
      setReason("");
      setExpiresOn("");
    },
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The exception lasts through the chosen day (UTC), so "tomorrow" means all of tomorrow.
    const input = { workflowId, dataSetId, actions, reason, expiresAt: endOfDayIso(expiresOn) };
    const instead = { dataSetId: !dataSetId && "Choose a data set", expiresAt: !expiresOn && "Choose the last day of the exception" };
    if (!validate(requestExceptionInput, input, instead)) return;
    run(
      () => requestExceptionAction(input),
      () => {
        toast.success("Exception requested. The business owner has been notified.");
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="outline" size="sm">
          <FilePlus aria-hidden="true" />
          Request exception
        </Button>
      }
      title="Request exception"
      description="Time-boxed access outside the approved data sets. The business owner (or a delegate on the escalation path) decides; it ends on its own at expiry."
      onSubmit={submit}
      submitLabel="Request exception"
    >
      <Field label="Data set" htmlFor="exception-data-set" error={errors.dataSetId} required>
        <Select value={dataSetId} onChange={(e) => setDataSetId(e.target.value)} disabled={pending}>
          <option value="">Choose a data set</option>
          {dataSets.map((d) => (
            <option key={d.id} value={d.id}>
              {dataSetLabel(d)}
            </option>
          ))}
        </Select>
      </Field>
      <CheckboxGroup<DataAction>
        id="exception-actions"
        legend="Actions"
        options={ACTION_OPTIONS}
        value={actions}
        onChange={setActions}
        error={errors.actions}
        disabled={pending}
        className="grid-cols-2 sm:grid-cols-4 [&>[id$='-error']]:col-span-full"
        labelClassName="font-mono"
      />
      <ReasonField
        id="exception-reason"
        value={reason}
        onChange={setReason}
        error={errors.reason}
        disabled={pending}
        rows={3}
        maxLength={1000}
        hint="Why the task needs this access, and why only for a while."
        required
      />
      <EndOfDayField
        id="exception-expires"
        label="Expiry date"
        value={expiresOn}
        onChange={setExpiresOn}
        error={errors.expiresAt}
        hint="Access ends at the end of this day (UTC); at most 180 days from now."
        disabled={pending}
        required
        minDaysAhead={0}
        maxDaysAhead={MAX_DAYS_AHEAD}
      />
    </FormDialog>
  );
}
