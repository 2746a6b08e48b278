"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ReasonConfirmDialog } from "@/components/forms/reason-confirm-dialog";
import { reason as reasonSchema } from "@/lib/validation/common";
import { updateHookAction } from "@/app/(dashboard)/settings/hooks/actions";

export type ToggleHookProps = {
  hook: { id: string; name: string; url: string; active: boolean };
  describedBy?: string;
};

/** Disabling silences a receiver of revocations, so it asks first; enabling is safe and immediate. */
export function ToggleHook({ hook, describedBy }: ToggleHookProps) {
  return hook.active ? <DisableHookDialog hook={hook} describedBy={describedBy} /> : <EnableHookButton hook={hook} describedBy={describedBy} />;
}

function EnableHookButton({ hook, describedBy }: ToggleHookProps) {
  const [pending, startTransition] = React.useTransition();

  function enable() {
    startTransition(async () => {
      const result = await updateHookAction({ id: hook.id, active: true });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(`Enabled ${hook.name}. Revokes from now on reach it; those made while it was disabled were not sent.`);
    });
  }

  return (
    <Button type="button" variant="ghost" size="sm" onClick={enable} loading={pending} aria-describedby={describedBy}>
      Enable
    </Button>
  );
}

function DisableHookDialog({ hook, describedBy }: ToggleHookProps) {
  return (
    <ReasonConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-describedby={describedBy} className="text-danger hover:bg-danger/10 hover:text-danger">
          Disable
        </Button>
      }
      title={`Disable ${hook.name}?`}
      description={
        "While it is disabled, revokes create no delivery for this hook and deliveries still pending fail, " +
        "so the system behind it keeps granting access until someone revokes it there. Enabling it later does not resend what was missed."
      }
      confirmLabel="Disable hook"
      reasonId={`disable-hook-${hook.id}-reason`}
      reasonRows={3}
      reasonHint="Optional. Shown on the hook and recorded in the audit trail."
      parse={(reason) => reasonSchema.safeParse(reason)}
      action={(reason) => updateHookAction({ id: hook.id, active: false, reason })}
      done={() => `Disabled ${hook.name}. Revokes are no longer sent to it.`}
    >
      <p className="truncate font-mono text-xs text-muted-foreground" title={hook.url}>
        {hook.url}
      </p>
    </ReasonConfirmDialog>
  );
}
