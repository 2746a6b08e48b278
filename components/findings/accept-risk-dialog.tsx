"use client";

import * as React from "react";
import { ShieldCheck } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ReasonField } from "@/components/forms/dialog-form";
import { EndOfDayField, endOfDayIso } from "@/components/forms/end-of-day-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { MAX_ACCEPTANCE_DAYS, acceptFindingInput } from "@/lib/validation/findings";
import { acceptFindingRiskAction } from "@/app/(dashboard)/findings/actions";

// The acceptance runs through the end of the chosen day (UTC); the last whole day inside the limit is one short of it.
const MAX_DAYS_AHEAD = MAX_ACCEPTANCE_DAYS - 1;

/** The accountable owner (or an identity owner) accepts a finding's risk, with a reason, until a date. */
export function AcceptRiskDialog({ findingId, title, targetName }: { findingId: string; title: string; targetName: string | null }) {
  const [reason, setReason] = React.useState("");
  const [untilDay, setUntilDay] = React.useState("");
  const { open, onOpenChange, close, errors, pending, formRef, validate, run } = useFormDialog({
    lockWhilePending: true,
    reset: () => {
      setReason("");
      setUntilDay("");
    },
  });

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { reason, until: endOfDayIso(untilDay) };
    if (!validate(acceptFindingInput, input, { until: !untilDay && "Choose the last day the acceptance holds" })) return;
    run(
      () => acceptFindingRiskAction({ id: findingId, ...input }),
      () => {
        toast.success(`Risk accepted until ${untilDay}. The finding reopens on its own after that day.`);
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, formRef, pending }}
      trigger={
        <Button variant="outline" size="sm">
          <ShieldCheck aria-hidden="true" />
          Accept risk
        </Button>
      }
      title="Accept risk"
      description={`${title}${targetName ? ` — ${targetName}` : ""}. The finding stays on record as accepted, is audited, and reopens when the acceptance expires; it resolves by itself if the condition clears.`}
      onSubmit={submit}
      submitLabel="Accept risk"
    >
      <ReasonField
        id={`accept-${findingId}-reason`}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        disabled={pending}
        rows={3}
        maxLength={1000}
        hint="Why the risk is acceptable for now, and what will end it. At least 10 characters; recorded in the audit trail."
        required
      />
      <EndOfDayField
        id={`accept-${findingId}-until`}
        label="Accepted until"
        value={untilDay}
        onChange={setUntilDay}
        error={errors.until}
        hint={`Through the end of this day (UTC); at most ${MAX_ACCEPTANCE_DAYS} days from now.`}
        disabled={pending}
        required
        minDaysAhead={1}
        maxDaysAhead={MAX_DAYS_AHEAD}
      />
    </FormDialog>
  );
}
