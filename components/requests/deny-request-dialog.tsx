"use client";

import * as React from "react";
import { toast } from "sonner";
import { denyEntitlementAction } from "@/app/(dashboard)/requests/actions";
import { fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { denyEntitlementInput } from "@/lib/validation/entitlements";

type Side = "business" | "identity";

export type DenyRequestDialogProps = {
  request: { id: string; title: string };
  /** The sides the caller may sign; with both, they say which one they deny as. */
  sides: Side[];
  /** Id of the element naming the request, so the button's purpose is clear out of context. */
  describedBy: string;
  disabled?: boolean;
};

const SIDE_LABEL: Record<Side, string> = { business: "Business side", identity: "Identity side" };

/** Denies a pending request with a comment the requester will read. */
export function DenyRequestDialog({ request, sides, describedBy, disabled }: DenyRequestDialogProps) {
  const [side, setSide] = React.useState<Side | "">(sides.length === 1 ? (sides[0] ?? "") : "");
  const [comment, setComment] = React.useState("");
  const { open, onOpenChange, close, errors, setErrors, pending, formRef, run } = useFormDialog({
    clearErrorsOnClose: true,
    reset: () => {
      setSide(sides.length === 1 ? (sides[0] ?? "") : "");
      setComment("");
    },
  });
  const p = `deny-${request.id}`;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = denyEntitlementInput.safeParse({ side, comment });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    run(
      () => denyEntitlementAction({ id: request.id, ...parsed.data }),
      () => {
        toast.success("Request denied; the requester is notified with your comment");
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="outline" size="sm" aria-describedby={describedBy} disabled={disabled} className="text-danger hover:bg-danger/10 hover:text-danger">
          Deny
        </Button>
      }
      title="Deny this request?"
      description={`${request.title}. The request closes as denied; the requester sees your comment.`}
      onSubmit={submit}
      submitLabel="Deny request"
      variant="destructive"
    >
      {sides.length > 1 ? (
        <Field label="Deny as" htmlFor={`${p}-side`} error={errors.side} required>
          <Select value={side} onChange={(e) => setSide(e.target.value as Side | "")} disabled={pending}>
            <option value="">Choose the side you sign for</option>
            {sides.map((s) => (
              <option key={s} value={s}>
                {SIDE_LABEL[s]}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field label="Comment" htmlFor={`${p}-comment`} error={errors.comment} hint="Required. Say what is wrong or what would make it acceptable." required>
        <Textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} disabled={pending} />
      </Field>
    </FormDialog>
  );
}
