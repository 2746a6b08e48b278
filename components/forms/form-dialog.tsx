"use client";

import * as React from "react";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { DialogFormFooter, type DialogFormFooterProps } from "./dialog-form";
import type { useFormDialog } from "./use-form-dialog";

type HookState = ReturnType<typeof useFormDialog>;

/**
 * What the frame needs from `useFormDialog`; the hook's result fits as it is.
 * Without `formRef` errors never move focus, as confirmations never did.
 */
export type FormDialogState = Pick<HookState, "open" | "onOpenChange" | "pending"> & Partial<Pick<HookState, "formRef">>;

export type FormDialogProps = Pick<DialogFormFooterProps, "variant" | "submitDisabled" | "cancelWhilePending"> & {
  dialog: FormDialogState;
  /** The button that opens the dialog. */
  trigger: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Classes for the dialog's panel, e.g. "max-w-xl" for a wider form. */
  contentClassName?: string;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  /** The submit button's text, which names what the dialog does. */
  submitLabel: React.ReactNode;
  /** The fields, above Cancel and submit. */
  children: React.ReactNode;
};

/**
 * The frame every form dialog used to repeat: the trigger, a titled panel, a
 * form the dialog validates itself (hence noValidate) and Cancel and submit at
 * its foot. With it, each dialog says only what it asks for.
 */
export function FormDialog({
  dialog: { open, onOpenChange, formRef, pending },
  trigger,
  title,
  description,
  contentClassName,
  onSubmit,
  submitLabel,
  variant,
  submitDisabled,
  cancelWhilePending,
  children,
}: FormDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={title} description={description} className={contentClassName}>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-4">
          {children}
          <DialogFormFooter pending={pending} variant={variant} submitDisabled={submitDisabled} cancelWhilePending={cancelWhilePending}>
            {submitLabel}
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
