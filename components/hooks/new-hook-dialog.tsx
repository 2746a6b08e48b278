"use client";

import * as React from "react";
import { toast } from "sonner";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DialogFormFooter } from "@/components/forms/dialog-form";
import { CheckboxGroup, fieldErrorsOf } from "@/components/forms/form-controls";
import { ShownOnceValue } from "@/components/forms/shown-once-value";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { createHookInput } from "@/lib/validation/hooks";
import { createHookAction } from "@/app/(dashboard)/settings/hooks/actions";
import { FormatRadioGroup } from "./format-radio-group";
import { EVENT_OPTIONS, HOOK_EVENT_TYPES, type HookEventType, type HookFormat } from "./hook-meta";

type Created = { name: string; format: HookFormat; secret: string | null };

export type NewHookDialogProps = {
  /** The absolute key-set URL under this deployment's public base URL, the issuer receivers trust. */
  jwksUrl: string;
};

export function NewHookDialog({ jwksUrl }: NewHookDialogProps) {
  const [name, setName] = React.useState("");
  const [url, setUrl] = React.useState("");
  const [format, setFormat] = React.useState<HookFormat>("standard-webhooks");
  const [events, setEvents] = React.useState<HookEventType[]>([...HOOK_EVENT_TYPES]);
  const [created, setCreated] = React.useState<Created | null>(null);
  // The secret must not survive the dialog: reopening starts a fresh form.
  const { open, onOpenChange, errors, setErrors, pending, formRef, run } = useFormDialog({
    resetOn: "close",
    reset: () => {
      setCreated(null);
      setName("");
      setUrl("");
      setFormat("standard-webhooks");
      setEvents([...HOOK_EVENT_TYPES]);
    },
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createHookInput.safeParse({ name, url, format, events });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    run(
      () => createHookAction(parsed.data),
      ({ name: createdName, format: createdFormat, secret }) => {
        setCreated({ name: createdName, format: createdFormat, secret });
        toast.success(`Created hook ${createdName}. It receives the next revoke.`);
      },
      { message: (failure) => (failure.fieldErrors ? "The hook was not created. Check the highlighted fields." : failure.error) },
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden="true" />
          New hook
        </Button>
      </DialogTrigger>
      <DialogContent
        title={created ? `Hook ${created.name}` : "New hook"}
        description={created ? undefined : "One hook per system that holds access: it is told about every revoke you subscribe it to."}
        // A stray click outside would lose a secret that can never be shown again.
        onPointerDownOutside={created ? (e) => e.preventDefault() : undefined}
      >
        {created?.secret ? (
          <ShownOnceValue
            id="new-hook-secret"
            label="Signing secret"
            value={created.secret}
            warning="Copy this secret now; it is stored encrypted and cannot be shown again."
            hint="Configure the receiver to verify the webhook-signature header with it: HMAC-SHA256 over id.timestamp.body."
          />
        ) : created ? (
          <ShownOnceValue
            id="new-hook-jwks"
            label="JWKS URL"
            value={jwksUrl}
            hint="There is no shared secret: the receiver verifies each token's ES256 signature with the key its kid names in this key set."
          />
        ) : (
          <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4">
            <Field label="Name" htmlFor="new-hook-name" error={errors.name} required hint="The system it reaches, e.g. aws-iam-revoker.">
              <Input autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} disabled={pending} />
            </Field>
            <Field
              label="URL"
              htmlFor="new-hook-url"
              error={errors.url}
              required
              hint="Where revocations are POSTed. Loopback, private and link-local addresses are refused unless allowlisted."
            >
              <Input
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                placeholder="https://"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                maxLength={2000}
                disabled={pending}
                className="font-mono text-xs"
              />
            </Field>
            <FormatRadioGroup id="new-hook-format" value={format} onChange={setFormat} error={errors.format} disabled={pending} />
            <CheckboxGroup
              id="new-hook-events"
              legend="Events"
              options={EVENT_OPTIONS}
              value={events}
              onChange={setEvents}
              error={errors.events}
              disabled={pending}
              labelClassName="font-mono"
            />
            {errors.form ? <p className="text-sm font-medium text-danger">{errors.form.join(" ")}</p> : null}
            <DialogFormFooter pending={pending}>Create hook</DialogFormFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
