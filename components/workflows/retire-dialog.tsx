"use client";

import * as React from "react";
import { Archive } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { InlineAlert } from "@/components/lists/list-controls";
import { type FieldErrors, fieldErrorsOf } from "@/components/forms/form-controls";
import type { retireWorkflow } from "@/lib/domain/workflows/lifecycle";
import { cn, focusRing, formatDateTime } from "@/lib/utils";
import { lifecycleInput } from "@/lib/validation/workflows";
import { previewRetireWorkflowAction, retireWorkflowAction } from "@/app/(dashboard)/workflows/actions";

type Revoked = Awaited<ReturnType<typeof retireWorkflow>>["revoked"];

/** Retirement is offboarding: the dialog first shows, from a dry run, everything that will be revoked. */
export function RetireDialog({ workflowId, workflowName }: { workflowId: string; workflowName: string }) {
  const [open, setOpen] = React.useState(false);
  const [preview, setPreview] = React.useState<Revoked | null>(null);
  const [previewError, setPreviewError] = React.useState<string | null>(null);
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [loading, startLoading] = React.useTransition();
  const [pending, startTransition] = React.useTransition();

  function loadPreview() {
    setPreviewError(null);
    startLoading(async () => {
      const result = await previewRetireWorkflowAction({ id: workflowId });
      if (result.ok) setPreview(result.data);
      else setPreviewError(result.error);
    });
  }

  function onOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (next) {
      setPreview(null);
      setReason("");
      setErrors({});
      loadPreview();
    }
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = lifecycleInput.safeParse({ reason: reason.trim() || undefined });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    startTransition(async () => {
      const result = await retireWorkflowAction({ id: workflowId, ...parsed.data });
      if (!result.ok) {
        setErrors(fieldErrorsOf(result.fieldErrors));
        toast.error(result.error);
        return;
      }
      const { entitlements, credentials } = result.data;
      toast.success(`Retired “${workflowName}”: revoked ${plural(entitlements, "entitlement")} and ${plural(credentials, "credential")}.`);
      setOpen(false);
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" className="text-danger hover:bg-danger/10 hover:text-danger">
          <Archive aria-hidden="true" />
          Retire
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Retire “${workflowName}”?`}
        description="This is offboarding: every entitlement and credential of this workflow is revoked at once, its revocation hooks are called, and the workflow can never be activated again."
        className="max-w-xl"
      >
        <form onSubmit={submit} noValidate className="grid gap-4">
          {loading ? (
            <div role="status" className="grid gap-2">
              <span className="text-sm text-muted-foreground">Checking what will be revoked…</span>
              <Skeleton className="h-16" />
            </div>
          ) : previewError ? (
            <InlineAlert title="Could not list what will be revoked">
              <p>{previewError}</p>
              <Button type="button" variant="outline" size="sm" className="mt-2" onClick={loadPreview}>
                Try again
              </Button>
            </InlineAlert>
          ) : preview ? (
            <RevocationPreview revoked={preview} />
          ) : null}
          <Field
            label="Reason"
            htmlFor={`retire-${workflowId}-reason`}
            error={errors.reason}
            hint="Optional. Recorded in the audit trail and sent with the revocation events."
          >
            <Textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} disabled={pending} />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant="destructive" loading={pending} disabled={!preview}>
              Retire workflow
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function plural(n: number, noun: string) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// Focusable so keyboard users can scroll a long list.
const SCROLL_LIST = cn("max-h-44 list-disc overflow-y-auto rounded-md border border-border py-2 pr-3 pl-8", focusRing);

function RevocationPreview({ revoked }: { revoked: Revoked }) {
  return (
    <div className="grid gap-3 text-sm">
      <section aria-labelledby="retire-entitlements" className="grid gap-1">
        <h3 id="retire-entitlements" className="font-semibold">
          Entitlements to revoke ({revoked.entitlements.length})
        </h3>
        {revoked.entitlements.length === 0 ? (
          <p className="text-muted-foreground">No open entitlements.</p>
        ) : (
          <ul tabIndex={0} aria-label="Entitlements to revoke" className={SCROLL_LIST}>
            {revoked.entitlements.map((e) => (
              <li key={e.id}>
                {e.nhiName} on {e.dataSetName}: <span className="font-mono text-xs">{e.actions.join(", ")}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="retire-credentials" className="grid gap-1">
        <h3 id="retire-credentials" className="font-semibold">
          Credentials to revoke ({revoked.credentials.length})
        </h3>
        {revoked.credentials.length === 0 ? (
          <p className="text-muted-foreground">No live credentials.</p>
        ) : (
          <ul tabIndex={0} aria-label="Credentials to revoke" className={SCROLL_LIST}>
            {revoked.credentials.map((c) => (
              <li key={c.id}>
                {c.name} ({c.kind.replace(/_/g, " ")}) of {c.nhiName}
                {c.expiresAt ? `, expires ${formatDateTime(c.expiresAt)}` : ", never expires"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
