"use client";

import * as React from "react";
import { Power } from "lucide-react";
import { revokeAllForWorkflowAction } from "@/app/(dashboard)/workflows/[id]/revoke-actions";
import { ConfirmRevokeDialog } from "@/components/revocation/confirm-revoke-dialog";
import { workflowTargets } from "@/components/revocation/optimistic";
import { plural, useRevoke } from "@/components/revocation/use-revoke";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { AccessMap } from "./types";
import { useAccessMap } from "./use-access-map";

/** "Revoke all access": every entitlement and credential of the workflow, after one confirmation. */
export function KillSwitch({ initial }: { initial: AccessMap }) {
  const { map, queryKey } = useAccessMap(initial);
  const revoke = useRevoke<{ id: string; reason: string }>({
    run: revokeAllForWorkflowAction,
    noun: "All access",
    cache: { queryKey, targets: (current) => workflowTargets(current) },
  });
  const active = map.entitlements.filter((e) => e.status === "active").length;
  const pending = map.entitlements.filter((e) => e.status === "pending").length;
  const credentials = map.credentials.filter((c) => c.status === "active").length;
  const hooks = map.revocation.hooks;
  const nothing = active + pending + credentials === 0;

  return (
    <ConfirmRevokeDialog
      trigger={
        <Button variant="destructive">
          <Power aria-hidden="true" />
          Revoke all access
        </Button>
      }
      title={`Revoke all access of “${map.workflow.name}”?`}
      description="The kill switch: every entitlement and every credential of this workflow is revoked at once and runtime decisions deny. You can undo it for 30 seconds."
      confirmLabel="Revoke all"
      defaultReason="Kill switch pulled from the shared view"
      pending={revoke.isPending}
      onConfirm={(reason) => revoke.mutateAsync({ id: map.workflow.id, reason })}
      nothingToRevoke={nothing}
    >
      {nothing ? (
        <p className="text-sm text-muted-foreground">Nothing is open: this workflow holds no active or pending entitlement and no live credential.</p>
      ) : (
        <div className="grid gap-3 text-sm">
          <ul className="grid list-disc gap-1 pl-5">
            <li>
              {plural(active, "active entitlement")}
              {pending ? ` and ${plural(pending, "pending request")}` : ""} revoked
            </li>
            <li>{plural(credentials, "live credential")} revoked</li>
          </ul>
          <div className="grid gap-1.5">
            <p className="font-medium">Carried downstream by</p>
            {hooks.length ? (
              <ul className="flex flex-wrap gap-1.5" aria-label="Revocation hooks">
                {hooks.map((h) => (
                  <li key={h.id}>
                    <Badge variant="info" title={h.host}>
                      {h.name}
                    </Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-warning">No hook carries revokes downstream yet: the real systems must be told by hand.</p>
            )}
          </div>
        </div>
      )}
    </ConfirmRevokeDialog>
  );
}
