"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Role } from "@/lib/auth/permissions";
import { updateUserInput } from "@/lib/validation/users";
import { updateUserAction } from "@/app/(dashboard)/settings/users/actions";
import { CheckboxGroup, type FieldErrors, fieldErrorsOf, focusFirstInvalid } from "@/components/forms/form-controls";
import { ROLE_OPTIONS } from "./roles";

export type EditRolesDialogProps = {
  user: { id: string; name: string; roles: readonly Role[] };
};

export function EditRolesDialog({ user }: EditRolesDialogProps) {
  const [open, setOpen] = React.useState(false);
  const [roles, setRoles] = React.useState<Role[]>([...user.roles]);
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [pending, startTransition] = React.useTransition();
  const formRef = React.useRef<HTMLFormElement>(null);
  const idPrefix = `edit-roles-${user.id}`;

  React.useEffect(() => {
    if (!pending) focusFirstInvalid(formRef.current);
  }, [errors, pending]);

  function onOpenChange(next: boolean) {
    setOpen(next);
    // Start from the saved roles each time, not from an abandoned edit.
    if (next) {
      setRoles([...user.roles]);
      setReason("");
      setErrors({});
    }
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { roles, reason: reason.trim() || undefined };
    const parsed = updateUserInput.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    startTransition(async () => {
      const result = await updateUserAction({ id: user.id, ...parsed.data });
      if (!result.ok) {
        setErrors(fieldErrorsOf(result.fieldErrors));
        toast.error(result.error);
        return;
      }
      toast.success(`Updated the roles of ${result.data.name}.`);
      setOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Edit roles for ${user.name}`}>
          Edit roles
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Edit roles for ${user.name}`}
        description="Roles decide what they can see and approve. The change applies to their next request."
      >
        <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4">
          <CheckboxGroup
            id={`${idPrefix}-role`}
            legend="Roles"
            options={ROLE_OPTIONS}
            value={roles}
            onChange={setRoles}
            error={errors.roles}
            disabled={pending}
          />
          <Field
            label="Reason"
            htmlFor={`${idPrefix}-reason`}
            error={errors.reason}
            hint="Optional. Recorded in the audit trail."
          >
            <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} disabled={pending} />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" loading={pending}>
              Save roles
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
