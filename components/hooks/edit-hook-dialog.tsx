"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DialogFormFooter } from "@/components/forms/dialog-form";
import { CheckboxGroup, fieldErrorsOf } from "@/components/forms/form-controls";
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
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-describedby={describedBy}>
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Edit ${hook.name}`}
        description="The URL and format are fixed: add a new hook to point somewhere else, then disable this one."
      >
        <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4">
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
          <DialogFormFooter pending={pending}>Save changes</DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
