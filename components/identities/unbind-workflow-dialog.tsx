"use client";

import * as React from "react";
import { unbindIdentityAction } from "@/app/(dashboard)/identities/actions";
import { ReasonConfirmDialog } from "@/components/forms/reason-confirm-dialog";
import { Button } from "@/components/ui/button";
import { bindIdentityInput } from "@/lib/validation/identities";

export type UnbindWorkflowDialogProps = {
  nhi: { id: string; name: string };
  workflow: { id: string; name: string };
  /** Id of the element naming the workflow, so the button's purpose is clear out of context. */
  describedBy: string;
};

export function UnbindWorkflowDialog({ nhi, workflow, describedBy }: UnbindWorkflowDialogProps) {
  return (
    <ReasonConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-describedby={describedBy}>
          Unbind
        </Button>
      }
      title={`Unbind ${nhi.name} from ${workflow.name}?`}
      description="The workflow stops listing this identity. An NHI that still holds open entitlements for the workflow cannot be unbound: revoke them first, so no access is left behind."
      confirmLabel="Unbind"
      reasonId={`unbind-${workflow.id}-reason`}
      clearErrorsOnClose
      parse={(reason) => bindIdentityInput.safeParse({ workflowId: workflow.id, reason })}
      action={(input) => unbindIdentityAction({ id: nhi.id, ...input })}
      done={(data) => (data.unbound ? `${nhi.name} no longer serves ${workflow.name}` : `${nhi.name} was not bound to ${workflow.name}`)}
    />
  );
}
