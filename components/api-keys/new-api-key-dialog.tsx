"use client";

import * as React from "react";
import { toast } from "sonner";
import { KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ApiKeyScope } from "@/lib/auth/permissions";
import { createApiKeyInput } from "@/lib/validation/api-keys";
import { createApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";
import { DialogFormFooter } from "@/components/forms/dialog-form";
import { CheckboxGroup, fieldErrorsOf } from "@/components/forms/form-controls";
import { ShownOnceValue } from "@/components/forms/shown-once-value";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { SCOPE_OPTIONS } from "./scopes";

export type OwnerOption = { id: string; name: string; email: string };

export type NewApiKeyDialogProps = {
  owners: readonly OwnerOption[];
  defaultOwnerId?: string;
};

export function NewApiKeyDialog({ owners, defaultOwnerId }: NewApiKeyDialogProps) {
  const [userId, setUserId] = React.useState(defaultOwnerId ?? "");
  const [name, setName] = React.useState("");
  const [scopes, setScopes] = React.useState<ApiKeyScope[]>([]);
  const [days, setDays] = React.useState("90");
  const [created, setCreated] = React.useState<{ name: string; key: string } | null>(null);
  // The key must not survive the dialog: reopening starts a fresh form.
  const { open, onOpenChange, errors, setErrors, pending, formRef, run } = useFormDialog({
    resetOn: "close",
    reset: () => {
      setCreated(null);
      setUserId(defaultOwnerId ?? "");
      setName("");
      setScopes([]);
      setDays("90");
    },
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createApiKeyInput.safeParse({ userId, name, scopes, expiresInDays: days });
    if (!parsed.success) {
      // The shared messages are written for API callers ("must be a UUID"); a form speaks of choices.
      const found = fieldErrorsOf(parsed.error);
      if (found.userId && !userId) found.userId = ["Choose the user this key acts as."];
      if (found.expiresInDays) found.expiresInDays = ["Enter a whole number of days from 1 to 365."];
      return setErrors(found);
    }
    run(
      () => createApiKeyAction(parsed.data),
      (data) => {
        setCreated({ name: data.name, key: data.key });
        toast.success(`Created API key ${data.name}.`);
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <KeyRound aria-hidden="true" />
          New API key
        </Button>
      </DialogTrigger>
      <DialogContent
        title={created ? `API key ${created.name}` : "New API key"}
        description={created ? undefined : "A key acts as its owner, narrowed to the scopes you choose."}
        // A stray click outside would lose a key that can never be shown again.
        onPointerDownOutside={created ? (e) => e.preventDefault() : undefined}
      >
        {created ? (
          <ShownOnceValue
            id="new-api-key-value"
            label="API key"
            noun="Key"
            value={created.key}
            warning="Copy this key now. It is stored only as a hash and cannot be shown again."
          />
        ) : (
          <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4">
            <Field
              label="Owner"
              htmlFor="new-api-key-owner"
              error={errors.userId}
              required
              hint="The key can do no more than this user's roles allow."
            >
              <Select value={userId} onChange={(e) => setUserId(e.target.value)} disabled={pending}>
                <option value="" disabled>
                  Choose a user
                </option>
                {owners.map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.name} ({owner.email})
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Name"
              htmlFor="new-api-key-name"
              error={errors.name}
              required
              hint="Say where it is used, e.g. ci-pipeline."
            >
              <Input
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={80}
                disabled={pending}
              />
            </Field>
            <CheckboxGroup
              id="new-api-key-scope"
              legend="Scopes"
              options={SCOPE_OPTIONS}
              value={scopes}
              onChange={setScopes}
              error={errors.scopes}
              disabled={pending}
              labelClassName="font-mono"
            />
            <Field
              label="Lifetime (days)"
              htmlFor="new-api-key-days"
              error={errors.expiresInDays}
              required
              hint="Between 1 and 365 days."
            >
              <Input
                type="number"
                inputMode="numeric"
                min={1}
                max={365}
                value={days}
                onChange={(e) => setDays(e.target.value)}
                disabled={pending}
              />
            </Field>
            <DialogFormFooter pending={pending}>Create key</DialogFormFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
