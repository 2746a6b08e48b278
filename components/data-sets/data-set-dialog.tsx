"use client";

import * as React from "react";
import { toast } from "sonner";
import { createDataSetAction, updateDataSetAction } from "@/app/(dashboard)/data-sets/actions";
import { fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { createDataSetInput, environment, sensitivity } from "@/lib/validation/data-sets";

export type DataSetValues = {
  id?: string;
  name: string;
  system: string;
  description: string;
  sensitivity: (typeof sensitivity.options)[number];
  environment: (typeof environment.options)[number];
  ownerId: string | null;
};

const EMPTY: DataSetValues = { name: "", system: "", description: "", sensitivity: "internal", environment: "prod", ownerId: null };

/** Create (no `initial.id`) or edit a data set; validates with the API's own schema before sending. */
export function DataSetDialog({ initial, owners, trigger }: { initial?: DataSetValues; owners: { id: string; name: string }[]; trigger: React.ReactNode }) {
  const [values, setValues] = React.useState<DataSetValues>(initial ?? EMPTY);
  // Only the errors start over on close; an edit keeps its values for the next visit.
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({ resetOn: "close" });
  const editing = Boolean(initial?.id);
  const set = <K extends keyof DataSetValues>(key: K, value: DataSetValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { id, ...body } = values;
    const parsed = createDataSetInput.safeParse(body);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    run(
      () => (id ? updateDataSetAction({ id, ...parsed.data }) : createDataSetAction(parsed.data)),
      (data) => {
        toast.success(editing ? `Saved ${data.name}` : `Registered ${data.name}`);
        close();
        if (!editing) setValues(EMPTY);
      },
      // As this form has always shown them: the server's messages as sent, not capitalised.
      { errorsOf: (fieldErrors) => fieldErrors ?? {} },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={trigger}
      title={editing ? `Edit ${initial?.name}` : "New data set"}
      description="Sensitivity sets the default review cadence of every grant on it."
      onSubmit={submit}
      submitLabel={editing ? "Save data set" : "Create data set"}
      cancelWhilePending
    >
      <Field label="Name" htmlFor="ds-name" error={errors.name} required>
        <Input value={values.name} onChange={(e) => set("name", e.target.value)} autoComplete="off" />
      </Field>
      <Field label="System" htmlFor="ds-system" error={errors.system} hint="Where the data lives, e.g. Snowflake, Postgres, Zendesk" required>
        <Input value={values.system} onChange={(e) => set("system", e.target.value)} autoComplete="off" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Sensitivity" htmlFor="ds-sensitivity" error={errors.sensitivity}>
          <Select value={values.sensitivity} onChange={(e) => set("sensitivity", e.target.value as DataSetValues["sensitivity"])}>
            {sensitivity.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Environment" htmlFor="ds-environment" error={errors.environment}>
          <Select value={values.environment} onChange={(e) => set("environment", e.target.value as DataSetValues["environment"])}>
            {environment.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Owner" htmlFor="ds-owner" error={errors.ownerId}>
        <Select value={values.ownerId ?? ""} onChange={(e) => set("ownerId", e.target.value || null)}>
          <option value="">No owner</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Description" htmlFor="ds-description" error={errors.description}>
        <Textarea rows={3} value={values.description} onChange={(e) => set("description", e.target.value)} />
      </Field>
    </FormDialog>
  );
}
