"use client";

import * as React from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { DialogClose, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

export type DialogFormFooterProps = {
  /** The submit button's text, which names what the dialog does ("Save roles", "Revoke key"). */
  children: React.ReactNode;
  pending?: boolean;
  variant?: ButtonVariant;
  /** Keeps the submit button off, e.g. until a preview has loaded. */
  submitDisabled?: boolean;
  /** Leave Cancel usable while the action runs (the data set form has always allowed it). */
  cancelWhilePending?: boolean;
};

/** Cancel and submit at the foot of a dialog's form; while the action runs, submit spins and Cancel waits. */
export function DialogFormFooter({ children, pending = false, variant, submitDisabled, cancelWhilePending = false }: DialogFormFooterProps) {
  return (
    <DialogFooter>
      <DialogClose asChild>
        <Button type="button" variant="outline" disabled={cancelWhilePending ? undefined : pending}>
          Cancel
        </Button>
      </DialogClose>
      <Button type="submit" variant={variant} loading={pending} disabled={submitDisabled}>
        {children}
      </Button>
    </DialogFooter>
  );
}

export type ReasonFieldProps = {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string[];
  disabled?: boolean;
  /** Lines of a textarea; without it the reason is a one-line input. */
  rows?: number;
  hint?: React.ReactNode;
  required?: boolean;
  maxLength?: number;
};

/** The "Reason" every audited change asks for; optional unless the change needs explaining to someone. */
export function ReasonField({
  id,
  value,
  onChange,
  error,
  disabled,
  rows,
  hint = "Optional. Recorded in the audit trail.",
  required,
  maxLength = 500,
}: ReasonFieldProps) {
  const control = { value, maxLength, disabled, onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value) };
  return (
    <Field label="Reason" htmlFor={id} error={error} hint={hint} required={required}>
      {rows ? <Textarea rows={rows} {...control} /> : <Input {...control} />}
    </Field>
  );
}
