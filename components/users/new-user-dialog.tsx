"use client";

import * as React from "react";
import { toast } from "sonner";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Role } from "@/lib/auth/permissions";
import { createUserInput } from "@/lib/validation/users";
import { createUserAction } from "@/app/(dashboard)/settings/users/actions";
import { CheckboxGroup, fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { ROLE_OPTIONS } from "./roles";

export function NewUserDialog() {
  const [email, setEmail] = React.useState("");
  const [name, setName] = React.useState("");
  const [roles, setRoles] = React.useState<Role[]>([]);
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({
    resetOn: "close",
    reset: () => {
      setEmail("");
      setName("");
      setRoles([]);
    },
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { email, name, roles };
    const parsed = createUserInput.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    run(
      () => createUserAction(parsed.data),
      (data) => {
        toast.success(`Added ${data.name}. They can sign in as ${data.email}.`);
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button>
          <UserPlus aria-hidden="true" />
          New user
        </Button>
      }
      title="New user"
      description="They sign in through your identity provider with this e-mail address."
      onSubmit={submit}
      submitLabel="Create user"
    >
      <Field label="E-mail" htmlFor="new-user-email" error={errors.email} required>
        <Input
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          disabled={pending}
        />
      </Field>
      <Field label="Name" htmlFor="new-user-name" error={errors.name} required>
        <Input autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} disabled={pending} />
      </Field>
      <CheckboxGroup
        id="new-user-role"
        legend="Roles"
        options={ROLE_OPTIONS}
        value={roles}
        onChange={setRoles}
        error={errors.roles}
        disabled={pending}
      />
    </FormDialog>
  );
}
