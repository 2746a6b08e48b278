"use client";

import * as React from "react";
import { ShieldOff } from "lucide-react";
import { revokeIdentityAction } from "@/app/(dashboard)/workflows/[id]/revoke-actions";
import { Button } from "@/components/ui/button";
import { ConfirmRevokeDialog } from "./confirm-revoke-dialog";
import { plural, useRevoke } from "./use-revoke";

export type RevokeNhiButtonProps = {
  nhi: { id: string; name: string; status: string };
  /** Open (pending or active) entitlements and active credentials the revoke will end. */
  counts: { entitlements: number; credentials: number; workflows: number };
};

/** Suspends the NHI and revokes everything it holds, with the same Undo as every other revoke. */
export function RevokeNhiButton({ nhi, counts }: RevokeNhiButtonProps) {
  const revoke = useRevoke<{ id: string; reason: string }>({
    run: revokeIdentityAction,
    noun: "NHI",
    describe: () => `${nhi.name} is suspended; ${plural(counts.entitlements, "entitlement")} and ${plural(counts.credentials, "credential")} revoked.`,
  });
  const nothingLeft = nhi.status !== "active" && counts.entitlements === 0 && counts.credentials === 0;

  return (
    <ConfirmRevokeDialog
      trigger={
        <Button variant="destructive">
          <ShieldOff aria-hidden="true" />
          Revoke NHI
        </Button>
      }
      title={`Revoke ${nhi.name}?`}
      description="This suspends the NHI and revokes all its entitlements and credentials at once; every subscribed revocation hook is told. You can undo it for 30 seconds."
      confirmLabel="Revoke NHI"
      defaultReason="NHI revoked from its page"
      pending={revoke.isPending}
      onConfirm={(reason) => revoke.mutateAsync({ id: nhi.id, reason })}
      nothingToRevoke={nothingLeft}
    >
      {nothingLeft ? (
        <p className="text-sm text-muted-foreground">This NHI is already {nhi.status} and holds no open access: there is nothing to revoke.</p>
      ) : (
        <ul className="grid list-disc gap-1 pl-5 text-sm">
          <li>{nhi.status === "active" ? "The NHI is suspended." : `The NHI stays ${nhi.status}.`}</li>
          <li>{plural(counts.entitlements, "open entitlement")} revoked.</li>
          <li>{plural(counts.credentials, "active credential")} revoked.</li>
          {counts.workflows > 0 ? <li>{plural(counts.workflows, "workflow")} it serves lose this identity&apos;s access.</li> : null}
        </ul>
      )}
    </ConfirmRevokeDialog>
  );
}
