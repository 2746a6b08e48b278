"use client";

import * as React from "react";
import { revokeCredentialAction } from "@/app/(dashboard)/identities/actions";
import { ReasonConfirmDialog } from "@/components/forms/reason-confirm-dialog";
import { Button } from "@/components/ui/button";
import { revokeInput } from "@/lib/validation/credentials";

export type RevokeCredentialDialogProps = {
  credential: { id: string; name: string };
  /** Id of the element naming the credential, so the button's purpose is clear out of context. */
  describedBy: string;
};

export function RevokeCredentialDialog({ credential, describedBy }: RevokeCredentialDialogProps) {
  return (
    <ReasonConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-describedby={describedBy} className="text-danger hover:bg-danger/10 hover:text-danger">
          Revoke
        </Button>
      }
      title={`Revoke ${credential.name}?`}
      description="It stops being valid at once and every subscribed revocation hook is told. Register a new credential if the workload still needs one."
      confirmLabel="Revoke"
      reasonId={`revoke-${credential.id}-reason`}
      reasonRows={3}
      reasonHint="Recorded in the audit trail and sent with the revocation event."
      clearErrorsOnClose
      parse={(reason) => revokeInput.safeParse({ reason })}
      action={(input) => revokeCredentialAction({ id: credential.id, ...input })}
      done={(data) => (data.revoked ? `Revoked ${data.name}` : `${data.name} was already revoked`)}
    />
  );
}
