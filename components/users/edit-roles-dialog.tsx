"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/auth/permissions";
import { updateUserInput } from "@/lib/validation/users";
import { updateUserAction } from "@/app/(dashboard)/settings/users/actions";
import { ReasonField } from "@/components/forms/dialog-form";
import { CheckboxGroup, fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { ROLE_OPTIONS } from "./roles";

export type EditRolesDialogProps = {
  user: { id: string; name: string; roles: readonly Role[] };
};

export function EditRolesDialog({ user }: EditRolesDialogProps) {
  const [roles, setRoles] = React.useState<Role[]>([...user.roles]);
  const [reason, setReason] = React.useState("");
  // Start from the saved roles each time, not from an abandoned edit.
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({
    reset: () => {
      setRoles([...user.roles]);
      setReason("");
    },
  });
  const idPrefix = `edit-roles-${user.id}`;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { roles, reason: reason.trim() || undefined };
    const parsed = updateUserInput.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    run(
      () => updateUserAction({ id: user.id, ...parsed.data }),
      (data) => {
        toast.success(`Updated the roles of ${data.name}.`);
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Edit roles for ${user.name}`}>
          Edit roles
        </Button>
      }
      title={`Edit roles for ${user.name}`}
      description="Roles decide what they can see and approve. The change applies to their next request."
      onSubmit={submit}
      submitLabel="Save roles"
    >
      <CheckboxGroup
        id={`${idPrefix}-role`}
        legend="Roles"
        options={ROLE_OPTIONS}
        value={roles}
        onChange={setRoles}
        error={errors.roles}
        disabled={pending}
      />
      <ReasonField id={`${idPrefix}-reason`} value={reason} onChange={setReason} error={errors.reason} disabled={pending} />
    </FormDialog>
  );
}
