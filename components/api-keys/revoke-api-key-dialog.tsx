"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { ReasonConfirmDialog } from "@/components/forms/reason-confirm-dialog";
import { reason as reasonSchema } from "@/lib/validation/common";
import { revokeApiKeyAction } from "@/app/(dashboard)/settings/api-keys/actions";

export type RevokeApiKeyDialogProps = {
  apiKey: { id: string; name: string; prefix: string };
};

export function RevokeApiKeyDialog({ apiKey }: RevokeApiKeyDialogProps) {
  return (
    <ReasonConfirmDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Revoke ${apiKey.name}`}
          className="text-danger hover:bg-danger/10 hover:text-danger"
        >
          Revoke
        </Button>
      }
      title={`Revoke ${apiKey.name}?`}
      description={
        `Every call made with ${apiKey.prefix}… is refused from now on. ` +
        "This cannot be undone; create a new key if the caller still needs access."
      }
      confirmLabel="Revoke key"
      reasonId={`revoke-api-key-${apiKey.id}-reason`}
      reasonRows={3}
      parse={(reason) => reasonSchema.safeParse(reason)}
      action={(reason) => revokeApiKeyAction({ id: apiKey.id, reason })}
      done={(data) => (data.revoked ? `Revoked API key ${apiKey.name}.` : `API key ${apiKey.name} was already revoked.`)}
    />
  );
}
