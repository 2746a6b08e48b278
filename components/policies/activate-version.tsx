"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { activatePolicyVersionAction } from "@/app/(dashboard)/policies/actions";

/** Activation after a dry run; the reason lands in the audit trail next to the archived and activated versions. */
export function ActivateVersion({ versionId, version, changes }: { versionId: string; version: number; changes: number }) {
  const router = useRouter();
  const [reason, setReason] = React.useState("");
  const [pending, startTransition] = React.useTransition();

  function activate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await activatePolicyVersionAction({ versionId, reason: reason || undefined });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      const archived = result.data.archivedVersion ? ` Version ${result.data.archivedVersion} was archived.` : "";
      toast.success(`Version ${version} is active and applies to the next decision.${archived}`);
      router.refresh();
    });
  }

  return (
    <form onSubmit={activate} noValidate className="flex flex-wrap items-end gap-3 border-t border-border pt-4">
      <Field label="Reason for activating" htmlFor={`activate-reason-${versionId}`} className="min-w-64 flex-1">
        <Input value={reason} onChange={(e) => setReason(e.target.value)} disabled={pending} placeholder="e.g. approved in change review CR-142" />
      </Field>
      <Button type="submit" loading={pending} variant={changes > 0 ? "destructive" : "default"}>
        {pending ? null : <ShieldCheck aria-hidden="true" />}
        Activate version {version}
      </Button>
      {changes > 0 ? (
        <p className="w-full text-xs text-muted-foreground">
          {changes} of the replayed decisions would have gone the other way. Activation applies from the next decision on every instance.
        </p>
      ) : null}
    </form>
  );
}
