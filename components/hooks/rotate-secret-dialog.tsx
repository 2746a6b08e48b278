"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DialogFormFooter, ReasonField } from "@/components/forms/dialog-form";
import { fieldErrorsOf } from "@/components/forms/form-controls";
import { ShownOnceValue } from "@/components/forms/shown-once-value";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { formatDateTime } from "@/lib/utils";
import { rotateHookSecretInput } from "@/lib/validation/hooks";
import { rotateHookSecretAction } from "@/app/(dashboard)/settings/hooks/actions";

export type RotateSecretDialogProps = {
  hook: { id: string; name: string; rotating: boolean };
  describedBy?: string;
};

type Rotated = { secret: string; previousValidUntil: Date | null };

export function RotateSecretDialog({ hook, describedBy }: RotateSecretDialogProps) {
  const [hours, setHours] = React.useState("24");
  const [reason, setReason] = React.useState("");
  const [rotated, setRotated] = React.useState<Rotated | null>(null);
  // The new secret must not survive the dialog.
  const { open, onOpenChange, errors, setErrors, pending, formRef, run } = useFormDialog({
    resetOn: "close",
    reset: () => {
      setRotated(null);
      setHours("24");
      setReason("");
    },
  });
  const idBase = `rotate-hook-${hook.id}`;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const graceHours = hours.trim() === "" ? Number.NaN : Number(hours);
    const parsed = rotateHookSecretInput.safeParse({ graceHours, reason: reason.trim() || undefined });
    if (!parsed.success) {
      const found = fieldErrorsOf(parsed.error);
      // The shared message speaks of types ("expected int"); a form speaks of what to type.
      if (found.graceHours) found.graceHours = ["Enter a whole number of hours from 0 to 168."];
      return setErrors(found);
    }
    run(
      () => rotateHookSecretAction({ id: hook.id, ...parsed.data }),
      (data) => {
        setRotated({ secret: data.secret, previousValidUntil: data.previousSecretValidUntil });
        toast.success(`Rotated the secret of ${hook.name}.`);
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-describedby={describedBy}>
          Rotate secret
        </Button>
      </DialogTrigger>
      <DialogContent
        title={rotated ? `New secret for ${hook.name}` : `Rotate the secret of ${hook.name}`}
        description={
          rotated
            ? rotated.previousValidUntil
              ? `The previous secret also signs every delivery until ${formatDateTime(rotated.previousValidUntil)}. Switch the receiver before then.`
              : "The previous secret no longer signs anything. Switch the receiver now."
            : undefined
        }
        // A stray click outside would lose a secret that can never be shown again.
        onPointerDownOutside={rotated ? (e) => e.preventDefault() : undefined}
      >
        {rotated ? (
          <ShownOnceValue
            id={`${idBase}-secret`}
            label="Signing secret"
            value={rotated.secret}
            warning="Copy this secret now; it is stored encrypted and cannot be shown again."
          />
        ) : (
          <form ref={formRef} onSubmit={submit} noValidate className="grid gap-4">
            <p className="text-sm text-muted-foreground">
              A new whsec_ secret is generated. During the grace period both secrets sign: each delivery carries two{" "}
              <code className="font-mono text-xs">v1,</code> signatures in <code className="font-mono text-xs">webhook-signature</code>, so
              the receiver keeps verifying with the old secret until you switch it to the new one.
            </p>
            {hook.rotating ? (
              <p role="note" className="rounded-md border border-warning/30 bg-warning/10 p-3 text-sm text-warning">
                A rotation is already in its grace period. Rotating again stops the oldest secret at once.
              </p>
            ) : null}
            <Field
              label="Grace period (hours)"
              htmlFor={`${idBase}-hours`}
              error={errors.graceHours}
              required
              hint="0 to 168. With 0 the old secret stops signing now."
            >
              <Input
                type="number"
                inputMode="numeric"
                min={0}
                max={168}
                step={1}
                value={hours}
                onChange={(e) => setHours(e.target.value)}
                disabled={pending}
              />
            </Field>
            <ReasonField id={`${idBase}-reason`} value={reason} onChange={setReason} error={errors.reason} disabled={pending} rows={2} />
            <DialogFormFooter pending={pending}>Rotate secret</DialogFormFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
