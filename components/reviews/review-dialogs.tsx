"use client";

import * as React from "react";
import { toast } from "sonner";
import { z } from "zod";
import { decideReviewAction, delegateCandidatesAction } from "@/app/(dashboard)/reviews/actions";
import { ReasonField } from "@/components/forms/dialog-form";
import { CheckboxGroup, fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { ReasonConfirmDialog } from "@/components/forms/reason-confirm-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { formatDateTime } from "@/lib/utils";
import { text } from "@/lib/validation/common";

type DataAction = "read" | "write" | "delete" | "admin";
export type ReviewTarget = { id: string; title: string; actions: DataAction[]; describedBy: string };

/** Revoke, modify and delegate need a reason the audit trail and the next reviewer can read. */
const requiredReason = z.object({ reason: text(2000) });
const REASON_HINT = "Required. Recorded in the audit trail with your decision.";

/** Revoke one item: a real revocation, so it is confirmed with a reason first. */
export function RevokeReviewDialog({ target, disabled }: { target: ReviewTarget; disabled?: boolean }) {
  return (
    <ReasonConfirmDialog
      trigger={
        <Button size="sm" variant="outline" disabled={disabled} aria-describedby={target.describedBy}>
          Revoke
        </Button>
      }
      title="Revoke this access?"
      description={`${target.title}. The entitlement and the credentials issued for it are revoked at once, and the revocation hooks are told.`}
      confirmLabel="Revoke access"
      reasonId={`revoke-reason-${target.id}`}
      reasonHint={REASON_HINT}
      reasonRows={3}
      parse={(reason) => requiredReason.safeParse({ reason })}
      action={({ reason }) => decideReviewAction({ id: target.id, decision: "revoke", rationale: reason })}
      done={() => `Revoked: ${target.title}`}
    />
  );
}

/** Modify: keep some of the actions (never all, never none) and certify what remains. */
export function ModifyReviewDialog({ target, disabled }: { target: ReviewTarget; disabled?: boolean }) {
  const [kept, setKept] = React.useState<DataAction[]>([]);
  const [reason, setReason] = React.useState("");
  const { open, onOpenChange, close, errors, setErrors, pending, run, formRef } = useFormDialog({
    reset: () => {
      setKept(target.actions.slice(0, 1));
      setReason("");
    },
  });
  const narrowable = target.actions.length > 1;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string[]> = {};
    if (kept.length === 0 || kept.length >= target.actions.length) found.actions = ["Keep some of the actions, but not all of them."];
    const parsed = requiredReason.safeParse({ reason });
    if (!parsed.success) Object.assign(found, fieldErrorsOf(parsed.error));
    if (Object.keys(found).length) return setErrors(found);
    run(
      () => decideReviewAction({ id: target.id, decision: "modify", rationale: reason.trim(), actions: kept }),
      () => {
        toast.success(`Narrowed to ${kept.join(", ")} and certified: ${target.title}`);
        close();
      },
      { errorsOf: (fieldErrors) => remapRationale(fieldErrorsOf(fieldErrors)) },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button
          size="sm"
          variant="outline"
          disabled={disabled || !narrowable}
          title={narrowable ? undefined : "A single action cannot be narrowed; revoke instead"}
          aria-describedby={target.describedBy}
        >
          Modify
        </Button>
      }
      title="Narrow the actions"
      description={`${target.title}. Keep only what the task needs; the rest stops working at once and the grant is certified.`}
      onSubmit={submit}
      submitLabel="Save actions"
    >
      <CheckboxGroup
        id={`modify-actions-${target.id}`}
        legend="Actions to keep"
        options={target.actions.map((a) => ({ value: a, label: a }))}
        value={kept}
        onChange={setKept}
        error={errors.actions}
        disabled={pending}
      />
      <ReasonField id={`modify-reason-${target.id}`} value={reason} onChange={setReason} error={errors.reason} disabled={pending} rows={3} hint={REASON_HINT} required />
    </FormDialog>
  );
}

type Candidate = { id: string; name: string; email: string };

/** Delegate: hand the item to an eligible colleague, with a reason; they are notified. */
export function DelegateReviewDialog({ target, disabled }: { target: ReviewTarget; disabled?: boolean }) {
  const [candidates, setCandidates] = React.useState<Candidate[] | null>(null);
  const [delegateTo, setDelegateTo] = React.useState("");
  const [reason, setReason] = React.useState("");
  const { open, onOpenChange, close, errors, setErrors, pending, run, formRef } = useFormDialog({
    reset: () => {
      setDelegateTo("");
      setReason("");
      setCandidates(null);
      void delegateCandidatesAction({ id: target.id }).then((result) => {
        if (result.ok) setCandidates(result.data);
        else {
          setCandidates([]);
          toast.error(result.error);
        }
      });
    },
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string[]> = {};
    if (!delegateTo) found.delegateTo = ["Choose who takes over this review."];
    const parsed = requiredReason.safeParse({ reason });
    if (!parsed.success) Object.assign(found, fieldErrorsOf(parsed.error));
    if (Object.keys(found).length) return setErrors(found);
    const name = candidates?.find((c) => c.id === delegateTo)?.name ?? "your colleague";
    run(
      () => decideReviewAction({ id: target.id, decision: "delegate", rationale: reason.trim(), delegateTo }),
      () => {
        toast.success(`Delegated to ${name}: ${target.title}`);
        close();
      },
      { errorsOf: (fieldErrors) => remapRationale(fieldErrorsOf(fieldErrors)) },
    );
  }

  const selectId = `delegate-to-${target.id}`;
  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button size="sm" variant="ghost" disabled={disabled} aria-describedby={target.describedBy}>
          Delegate
        </Button>
      }
      title="Delegate this review"
      description={`${target.title}. Only people who may decide reviews and did not request or approve this access on the identity side are listed.`}
      onSubmit={submit}
      submitLabel="Delegate review"
    >
      <Field label="Delegate to" htmlFor={selectId} error={errors.delegateTo} required hint={candidates?.length === 0 ? "Nobody else is eligible to review this access." : undefined}>
        <Select value={delegateTo} onChange={(e) => setDelegateTo(e.target.value)} disabled={pending || candidates === null}>
          <option value="">{candidates === null ? "Loading…" : "Choose a person"}</option>
          {candidates?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.email})
            </option>
          ))}
        </Select>
      </Field>
      <ReasonField id={`delegate-reason-${target.id}`} value={reason} onChange={setReason} error={errors.reason} disabled={pending} rows={3} hint={REASON_HINT} required />
    </FormDialog>
  );
}

/** The API calls it `rationale`; the form calls it Reason. */
function remapRationale(errors: Record<string, string[]>) {
  const { rationale, ...rest } = errors;
  return rationale ? { ...rest, reason: rationale } : rest;
}

export function nextReviewToast(title: string, nextReviewAt: Date | string | null) {
  return nextReviewAt ? `Certified: ${title}. Next review ${formatDateTime(nextReviewAt)}.` : `Certified: ${title}`;
}
