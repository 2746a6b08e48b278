"use client";

import * as React from "react";
import { toast } from "sonner";
import type { z } from "zod";
import type { ActionResult } from "@/lib/server/action";
import { type FieldErrors, fieldErrorsOf, focusFirstInvalid } from "./form-controls";

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

export type FormDialogOptions = {
  /** Puts the dialog's own fields back to where a fresh visit starts. */
  reset?: () => void;
  /**
   * When the fields and errors start over. "open" (the default): every visit
   * starts from the saved values, not from an abandoned edit. "close": what the
   * dialog showed, such as a secret shown once, must not outlive it.
   */
  resetOn?: "open" | "close";
  /** Drop the errors on close as well, so none linger while the dialog fades out. */
  clearErrorsOnClose?: boolean;
  /** Ignore Escape and outside clicks while the action runs, so a half-sent change is not dismissed. */
  lockWhilePending?: boolean;
};

export type RunOptions = {
  /** Turns the action's field errors into the form's, when they need more than capitalising. */
  errorsOf?: (fieldErrors: Failure["fieldErrors"]) => FieldErrors;
  /** The failure toast, when the action's own message is not the one to show. */
  message?: (failure: Failure) => string;
};

/**
 * The state every form dialog keeps: open, field errors, the pending
 * transition, and focus moved to the first invalid field. Attach `formRef` to
 * the form to get that focus; confirmations without it never moved focus.
 */
export function useFormDialog({ reset, resetOn = "open", clearErrorsOnClose = false, lockWhilePending = false }: FormDialogOptions = {}) {
  const [open, setOpen] = React.useState(false);
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [pending, startTransition] = React.useTransition();
  const formRef = React.useRef<HTMLFormElement>(null);

  // Keyboard and screen-reader users land on the problem once the errors are shown.
  React.useEffect(() => {
    if (!pending) focusFirstInvalid(formRef.current);
  }, [errors, pending]);

  function startOver() {
    reset?.();
    setErrors({});
  }

  function onOpenChange(next: boolean) {
    if (lockWhilePending && pending) return;
    setOpen(next);
    if (next === (resetOn === "open")) startOver();
    else if (!next && clearErrorsOnClose) setErrors({});
  }

  /** Closes after a success; a dialog that starts over on close does so here too. */
  function close() {
    setOpen(false);
    if (resetOn === "close") startOver();
  }

  /**
   * Checks the input against its shared schema before anything is sent. On
   * failure the errors land on the fields and it returns undefined; `instead`
   * replaces a field's messages where the schema's wording suits an API caller
   * but not a form (an empty choice: "Choose a data set"). A falsy entry keeps
   * the schema's messages.
   */
  function validate<S extends z.ZodType>(schema: S, input: unknown, instead: Record<string, string | false> = {}): z.infer<S> | undefined {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const found = fieldErrorsOf(parsed.error);
    for (const [field, message] of Object.entries(instead)) if (message) found[field] = [message];
    setErrors(found);
    return undefined;
  }

  /**
   * Sends a server action in the transition. On failure its field errors land
   * on the fields and its message in a toast; on success `done` gets the data.
   */
  function run<T>(call: () => Promise<ActionResult<T>>, done: (data: T) => void, options: RunOptions = {}) {
    setErrors({});
    startTransition(async () => {
      const result = await call();
      if (!result.ok) {
        setErrors((options.errorsOf ?? fieldErrorsOf)(result.fieldErrors));
        toast.error(options.message?.(result) ?? result.error);
        return;
      }
      done(result.data);
    });
  }

  return { open, onOpenChange, close, errors, setErrors, pending, formRef, validate, run };
}
