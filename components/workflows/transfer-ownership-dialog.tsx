"use client";

import * as React from "react";
import { ArrowLeftRight } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { ReasonField } from "@/components/forms/dialog-form";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { transferOwnershipInput } from "@/lib/validation/workflows";
import { transferWorkflowOwnershipAction } from "@/app/(dashboard)/workflows/actions";
import type { UserOption } from "./workflow-form-model";

type Side = "business" | "identity";

export type TransferOwnershipDialogProps = {
  workflowId: string;
  users: UserOption[];
  /** Current owner ids per side; the current owner is not offered as the new one. */
  current: Record<Side, string | null>;
  /** Which sides the caller may transfer (the domain enforces the same rule). */
  sides: Record<Side, boolean>;
  /** The side offered first: the ownerless one when a side has lost its owner. */
  defaultSide: Side;
};

const ROLE_FOR: Record<Side, string> = { business: "business_owner", identity: "identity_owner" };

/** Hands one side of the workflow to someone else, explicitly and with a reason (e.g. an owner leaving). */
export function TransferOwnershipDialog({ workflowId, users, current, sides, defaultSide }: TransferOwnershipDialogProps) {
  const [side, setSide] = React.useState<Side>(defaultSide);
  const [toUserId, setToUserId] = React.useState("");
  const [reason, setReason] = React.useState("");
  const { open, onOpenChange, close, errors, pending, formRef, validate, run } = useFormDialog({
    lockWhilePending: true,
    reset: () => {
      setSide(defaultSide);
      setToUserId("");
      setReason("");
    },
  });
  const candidates = users.filter((u) => u.roles.includes(ROLE_FOR[side]) && u.id !== current[side]);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { side, toUserId, reason };
    if (!validate(transferOwnershipInput, input, { toUserId: !toUserId && "Choose the new owner" })) return;
    run(
      () => transferWorkflowOwnershipAction({ id: workflowId, ...input }),
      () => {
        const name = users.find((u) => u.id === toUserId)?.name ?? "the new owner";
        toast.success(`${name} is now the ${side} owner. They have been notified.`);
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="outline" size="sm">
          <ArrowLeftRight aria-hidden="true" />
          Transfer ownership
        </Button>
      }
      title="Transfer ownership"
      description="The new owner becomes accountable for this side's control decisions from now on. Both people are notified and the transfer is audited."
      onSubmit={submit}
      submitLabel="Transfer ownership"
    >
      <Field label="Side" htmlFor="transfer-side" error={errors.side}>
        <Select
          value={side}
          onChange={(e) => {
            setSide(e.target.value as Side);
            setToUserId("");
          }}
          disabled={pending}
        >
          {sides.business ? <option value="business">Business owner: purpose and data approval</option> : null}
          {sides.identity ? <option value="identity">Identity owner: entitlements, review cadence and revocation</option> : null}
        </Select>
      </Field>
      <Field
        label="New owner"
        htmlFor="transfer-to"
        error={errors.toUserId}
        hint={
          candidates.length === 0
            ? `Nobody else holds the ${ROLE_FOR[side].replace("_", " ")} role. Ask an admin to give it to someone.`
            : undefined
        }
        required
      >
        <Select value={toUserId} onChange={(e) => setToUserId(e.target.value)} disabled={pending}>
          <option value="">Choose a person</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </Select>
      </Field>
      <ReasonField
        id="transfer-reason"
        value={reason}
        onChange={setReason}
        error={errors.reason}
        disabled={pending}
        rows={3}
        hint="Why the ownership moves, e.g. a team change."
        required
      />
    </FormDialog>
  );
}
