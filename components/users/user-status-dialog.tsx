"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { ReasonConfirmDialog } from "@/components/forms/reason-confirm-dialog";
import { updateUserInput } from "@/lib/validation/users";
import { updateUserAction } from "@/app/(dashboard)/settings/users/actions";

export type UserStatusDialogProps = {
  user: { id: string; name: string; active: boolean };
};

const CONSEQUENCES = {
  deactivate:
    "Their sessions end immediately, their API keys stop working, and workflows and NHIs they own become ownerless findings until transferred.",
  reactivate:
    "They can sign in again with their current roles, and their API keys that are neither revoked nor expired work again.",
} as const;

/** Deactivate or reactivate a user, behind a confirmation that spells out the consequence. */
export function UserStatusDialog({ user }: UserStatusDialogProps) {
  // Captured on open, so the text does not flip when the refreshed row arrives during the close animation.
  const [active, setActive] = React.useState(user.active);
  const trigger = user.active ? "Deactivate" : "Reactivate";
  const verb = active ? "Deactivate" : "Reactivate";

  return (
    <ReasonConfirmDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          aria-label={`${trigger} ${user.name}`}
          className={user.active ? "text-danger hover:bg-danger/10 hover:text-danger" : undefined}
        >
          {trigger}
        </Button>
      }
      title={`${verb} ${user.name}?`}
      description={active ? CONSEQUENCES.deactivate : CONSEQUENCES.reactivate}
      confirmLabel={`${verb} user`}
      confirmVariant={active ? "destructive" : "default"}
      reasonId={`user-status-${user.id}-reason`}
      reasonRows={3}
      onOpen={() => setActive(user.active)}
      parse={(reason) => updateUserInput.safeParse({ active: !active, reason })}
      action={(input) => updateUserAction({ id: user.id, ...input })}
      done={(data) => (data.active ? `Reactivated ${data.name}.` : `Deactivated ${data.name}.`)}
    />
  );
}
