"use client";

import * as React from "react";
import { toast } from "sonner";
import type { ZodSafeParseResult } from "zod";
import type { ButtonVariant } from "@/components/ui/button";
import type { ActionResult } from "@/lib/server/action";
import { ReasonField } from "./dialog-form";
import { fieldErrorsOf } from "./form-controls";
import { FormDialog } from "./form-dialog";
import { useFormDialog } from "./use-form-dialog";

export type ReasonConfirmDialogProps<I, T> = {
  /** The button that opens the dialog. */
  trigger: React.ReactElement;
  title: React.ReactNode;
  /** The consequence, spelled out before anyone confirms. */
  description: React.ReactNode;
  /** The confirm button's text. */
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  reasonId: string;
  reasonHint?: React.ReactNode;
  /** Lines of a textarea for the reason; without it the reason is a one-line input. */
  reasonRows?: number;
  /** Checks the trimmed reason (undefined when empty) with the action's own schema. */
  parse: (reason: string | undefined) => ZodSafeParseResult<I>;
  action: (input: I) => Promise<ActionResult<T>>;
  /** The success toast. */
  done: (data: T) => string;
  /** Runs on every open, e.g. to capture what the text describes before a refresh changes it. */
  onOpen?: () => void;
  clearErrorsOnClose?: boolean;
  /** Shown above the reason, e.g. what the change applies to. */
  children?: React.ReactNode;
};

/** A yes/no change with an optional reason for the audit trail: revoke, disable, deactivate, unbind. */
export function ReasonConfirmDialog<I, T>({
  trigger,
  title,
  description,
  confirmLabel,
  confirmVariant = "destructive",
  reasonId,
  reasonHint,
  reasonRows,
  parse,
  action,
  done,
  onOpen,
  clearErrorsOnClose,
  children,
}: ReasonConfirmDialogProps<I, T>) {
  const [reason, setReason] = React.useState("");
  // No formRef on the form: a confirmation's only field is the reason, and these never moved focus on error.
  const { open, onOpenChange, close, errors, setErrors, pending, run } = useFormDialog({
    reset: () => {
      setReason("");
      onOpen?.();
    },
    clearErrorsOnClose,
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parse(reason.trim() || undefined);
    if (!parsed.success) {
      const found = fieldErrorsOf(parsed.error);
      // A bare reason schema reports at the root; its message belongs under the field.
      return setErrors(found.form ? { reason: found.form } : found);
    }
    run(
      () => action(parsed.data),
      (data) => {
        toast.success(done(data));
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, pending }}
      trigger={trigger}
      title={title}
      description={description}
      onSubmit={submit}
      submitLabel={confirmLabel}
      variant={confirmVariant}
    >
      {children}
      <ReasonField
        id={reasonId}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        disabled={pending}
        rows={reasonRows}
        hint={reasonHint}
      />
    </FormDialog>
  );
}
