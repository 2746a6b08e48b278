"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { CheckboxGroup, fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { updateHookInput } from "@/lib/validation/hooks";
import { updateHookAction } from "@/app/(dashboard)/settings/hooks/actions";
import { EVENT_OPTIONS, type HookEventType, knownEvents } from "./hook-meta";

export type EditHookDialogProps = {
  hook: { id: string; name: string; events: readonly string[] };
  /** The id of the element naming the hook in its row, so "Edit" says which one. */
  describedBy?: string;
};

export function EditHookDialog({ hook, describedBy }: EditHookDialogProps) {
  const [name, setName] = React.useState(hook.name);
  const [events, setEvents] = React.useState<HookEventType[]>(() => knownEvents(hook.events));
  // Start from what is saved now, not from an edit that was cancelled.
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({
    reset: () => {
      setName(hook.name);
      setEvents(knownEvents(hook.events));
    },
  });
  const idBase = `edit-hook-${hook.id}`;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = updateHookInput.safeParse({ name, events });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    run(
      () => updateHookAction({ id: hook.id, ...parsed.data }),
      (data) => {
        toast.success(`Saved hook ${data.name}.`);
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="ghost" size="sm" aria-describedby={describedBy}>
          Edit
        </Button>
      }
      title={`Edit ${hook.name}`}
      description="The URL and format are fixed: add a new hook to point somewhere else, then disable this one."
      onSubmit={submit}
      submitLabel="Save changes"
    >
      <Field label="Name" htmlFor={`${idBase}-name`} error={errors.name} required>
        <Input autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} disabled={pending} />
      </Field>
      <CheckboxGroup
        id={`${idBase}-events`}
        legend="Events"
        options={EVENT_OPTIONS}
        value={events}
        onChange={setEvents}
        error={errors.events}
        disabled={pending}
        labelClassName="font-mono"
      />
    </FormDialog>
  );
}
