"use client";

import * as React from "react";
import { FilePlus } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { DialogFormFooter, ReasonField } from "@/components/forms/dialog-form";
import { CheckboxGroup, fieldErrorsOf } from "@/components/forms/form-controls";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { requestExceptionInput } from "@/lib/validation/exceptions";
import { dataAction } from "@/lib/validation/workflows";
import { requestExceptionAction } from "@/app/(dashboard)/workflows/actions";
import { type DataAction, type DataSetOption, dataSetLabel } from "./workflow-form-model";

const ACTION_OPTIONS = dataAction.options.map((value) => ({ value, label: value }));
// The schema allows up to 180 days from now; the last whole day that stays inside it is 179 days ahead.
const MAX_DAYS_AHEAD = 179;

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Asks the business owner for time-boxed access outside the approved data sets. */
export function RequestExceptionDialog({ workflowId, dataSets }: { workflowId: string; dataSets: DataSetOption[] }) {
  const [dataSetId, setDataSetId] = React.useState("");
  const [actions, setActions] = React.useState<DataAction[]>(["read"]);
  const [reason, setReason] = React.useState("");
  const [expiresOn, setExpiresOn] = React.useState("");
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({
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
    const input = { workflowId, dataSetId, actions, reason, expiresAt: expiresOn ? `${expiresOn}T23:59:59Z` : "" };
    const parsed = requestExceptionInput.safeParse(input);
    if (!parsed.success) {
      const found = fieldErrorsOf(parsed.error);
      if (!dataSetId) found.dataSetId = ["Choose a data set"];
      if (!expiresOn) found.expiresAt = ["Choose the last day of the exception"];
      return setErrors(found);
    }
    run(
      () => requestExceptionAction(input),
      () => {
        toast.success("Exception requested. The business owner has been notified.");
        close();
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <FilePlus aria-hidden="true" />
          Request exception
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Request exception"
        description="Time-boxed access outside the approved data sets. The business owner (or a delegate on the escalation path) decides; it ends on its own at expiry."
      >
        <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4">
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
          <Field
            label="Expiry date"
            htmlFor="exception-expires"
            error={errors.expiresAt}
            hint="Access ends at the end of this day (UTC); at most 180 days from now."
            required
          >
            <Input
              type="date"
              min={isoDay(0)}
              max={isoDay(MAX_DAYS_AHEAD)}
              value={expiresOn}
              onChange={(e) => setExpiresOn(e.target.value)}
              disabled={pending}
              className="w-auto"
            />
          </Field>
          <DialogFormFooter pending={pending}>Request exception</DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
