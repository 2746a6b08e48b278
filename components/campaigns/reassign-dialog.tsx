"use client";

import * as React from "react";
import { toast } from "sonner";
import { reassignItemAction } from "@/app/(dashboard)/campaigns/actions";
import { ReasonField } from "@/components/forms/dialog-form";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { reassignItemInput } from "@/lib/validation/campaigns";

export type Candidate = { id: string; name: string; email: string };

export type ReassignDialogProps = {
  campaignId: string;
  itemId: string;
  /** What the item is about, for the dialog's title and the button's accessible name. */
  subject: string;
  currentReviewerId: string | null;
  /** Users holding the stage's role (the natural reviewers; the server accepts anyone who may decide reviews); those who requested or identity-approved the grant are left out. */
  candidates: Candidate[];
};

/** Moves one pending item to another eligible reviewer, with a reason for the audit trail and the new reviewer. */
export function ReassignDialog({ campaignId, itemId, subject, currentReviewerId, candidates }: ReassignDialogProps) {
  const [reviewerId, setReviewerId] = React.useState("");
  const [reason, setReason] = React.useState("");
  const choices = candidates.filter((c) => c.id !== currentReviewerId);
  const { open, onOpenChange, close, errors, pending, formRef, validate, run } = useFormDialog({
    reset: () => {
      setReviewerId("");
      setReason("");
    },
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = validate(reassignItemInput, { reviewerId, reason });
    if (!parsed) return;
    const name = choices.find((c) => c.id === reviewerId)?.name ?? "the new reviewer";
    run(
      () => reassignItemAction({ campaignId, itemId, ...parsed }),
      () => {
        toast.success(`Reassigned to ${name}; they have been notified.`);
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="outline" size="sm" aria-label={`Reassign review of ${subject}`}>
          Reassign
        </Button>
      }
      title="Reassign review"
      description={`Move the review of ${subject} to another reviewer. Listed: holders of this stage's role. Nobody may review access they requested or approved.`}
      onSubmit={submit}
      submitLabel="Reassign"
      variant="default"
    >
      <Field label="New reviewer" htmlFor={`reassign-${itemId}-reviewer`} error={errors.reviewerId} required>
        <Select value={reviewerId} onChange={(e) => setReviewerId(e.target.value)} disabled={pending}>
          <option value="">Choose a reviewer</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.email})
            </option>
          ))}
        </Select>
      </Field>
      <ReasonField
        id={`reassign-${itemId}-reason`}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        disabled={pending}
        hint="Recorded in the audit trail and sent to the new reviewer."
        required
      />
    </FormDialog>
  );
}
