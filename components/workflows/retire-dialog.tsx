"use client";

import * as React from "react";
import { Archive } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { InlineAlert } from "@/components/lists/list-controls";
import { ReasonField } from "@/components/forms/dialog-form";
import { fieldErrorsOf } from "@/components/forms/form-controls";
import { FormDialog } from "@/components/forms/form-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import type { retireWorkflow } from "@/lib/domain/workflows/lifecycle";
import { cn, focusRing, formatDateTime } from "@/lib/utils";
import { lifecycleInput } from "@/lib/validation/workflows";
import { previewRetireWorkflowAction, retireWorkflowAction } from "@/app/(dashboard)/workflows/actions";

type Revoked = Awaited<ReturnType<typeof retireWorkflow>>["revoked"];

/** Retirement is offboarding: the dialog first shows, from a dry run, everything that will be revoked. */
export function RetireDialog({ workflowId, workflowName }: { workflowId: string; workflowName: string }) {
  const [preview, setPreview] = React.useState<Revoked | null>(null);
  const [previewError, setPreviewError] = React.useState<string | null>(null);
  const [reason, setReason] = React.useState("");
  const [loading, startLoading] = React.useTransition();
  // No formRef on the form: retiring has never moved focus to the reason on error.
  const { open, onOpenChange, close, errors, setErrors, pending, run } = useFormDialog({
    lockWhilePending: true,
    reset: () => {
      setPreview(null);
      setReason("");
      loadPreview();
    },
  });

  function loadPreview() {
    setPreviewError(null);
    startLoading(async () => {
      const result = await previewRetireWorkflowAction({ id: workflowId });
      if (result.ok) setPreview(result.data);
      else setPreviewError(result.error);
    });
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = lifecycleInput.safeParse({ reason: reason.trim() || undefined });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    run(
      () => retireWorkflowAction({ id: workflowId, ...parsed.data }),
      ({ entitlements, credentials }) => {
        toast.success(`Retired “${workflowName}”: revoked ${plural(entitlements, "entitlement")} and ${plural(credentials, "credential")}.`);
        close();
      },
    );
  }

  return (
    <FormDialog
      dialog={{ open, onOpenChange, pending }}
      trigger={
        <Button variant="outline" className="text-danger hover:bg-danger/10 hover:text-danger">
          <Archive aria-hidden="true" />
          Retire
        </Button>
      }
      title={`Retire “${workflowName}”?`}
      description="This is offboarding: every entitlement and credential of this workflow is revoked at once, its revocation hooks are called, and the workflow can never be activated again."
      contentClassName="max-w-xl"
      onSubmit={submit}
      submitLabel="Retire workflow"
      variant="destructive"
      submitDisabled={!preview}
    >
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
      <ReasonField
        id={`retire-${workflowId}-reason`}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        disabled={pending}
        rows={2}
        hint="Optional. Recorded in the audit trail and sent with the revocation events."
      />
    </FormDialog>
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
      <PreviewSection
        id="retire-entitlements"
        title="Entitlements to revoke"
        none="No open entitlements."
        items={revoked.entitlements.map((e) => (
          <li key={e.id}>
            {e.nhiName} on {e.dataSetName}: <span className="font-mono text-xs">{e.actions.join(", ")}</span>
          </li>
        ))}
      />
      <PreviewSection
        id="retire-credentials"
        title="Credentials to revoke"
        none="No live credentials."
        items={revoked.credentials.map((c) => (
          <li key={c.id}>
            {c.name} ({c.kind.replace(/_/g, " ")}) of {c.nhiName}
            {c.expiresAt ? `, expires ${formatDateTime(c.expiresAt)}` : ", never expires"}
          </li>
        ))}
      />
    </div>
  );
}

/** One kind of access the retirement revokes: a count in the heading, then the list or what its absence means. */
function PreviewSection({ id, title, none, items }: { id: string; title: string; none: string; items: React.ReactNode[] }) {
  return (
    <section aria-labelledby={id} className="grid gap-1">
      <h3 id={id} className="font-semibold">
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="text-muted-foreground">{none}</p>
      ) : (
        <ul tabIndex={0} aria-label={title} className={SCROLL_LIST}>
          {items}
        </ul>
      )}
    </section>
  );
}
