"use client";

import * as React from "react";
import { toast } from "sonner";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Role } from "@/lib/auth/permissions";
import { createUserInput } from "@/lib/validation/users";
import { createUserAction } from "@/app/(dashboard)/settings/users/actions";
import { CheckboxGroup, type FieldErrors, fieldErrorsOf, focusFirstInvalid } from "@/components/forms/form-controls";
import { ROLE_OPTIONS } from "./roles";

export function NewUserDialog() {
  const [open, setOpen] = React.useState(false);
  const [email, setEmail] = React.useState("");
  const [name, setName] = React.useState("");
  const [roles, setRoles] = React.useState<Role[]>([]);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [pending, startTransition] = React.useTransition();
  const formRef = React.useRef<HTMLFormElement>(null);

  React.useEffect(() => {
    if (!pending) focusFirstInvalid(formRef.current);
  }, [errors, pending]);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setEmail("");
      setName("");
      setRoles([]);
      setErrors({});
    }
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { email, name, roles };
    const parsed = createUserInput.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    startTransition(async () => {
      const result = await createUserAction(parsed.data);
      if (!result.ok) {
        setErrors(fieldErrorsOf(result.fieldErrors));
        toast.error(result.error);
        return;
      }
      toast.success(`Added ${result.data.name}. They can sign in as ${result.data.email}.`);
      onOpenChange(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" />
          New user
        </Button>
      </DialogTrigger>
      <DialogContent
        title="New user"
        description="They sign in through your identity provider with this e-mail address."
      >
        <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4">
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
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" loading={pending}>
              Create user
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
