import type { Metadata } from "next";
import Link from "next/link";
import { Lock } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { loadPickerOptions, loadWorkflowOr404 } from "@/components/workflows/load-workflow";
import { WorkflowForm } from "@/components/workflows/workflow-form";
import { valuesFromWorkflow } from "@/components/workflows/workflow-form-model";
import { requirePageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Edit workflow" };

export default async function EditWorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const workflow = await loadWorkflowOr404(actor, id);
  const back = (
    <Link href={`/workflows/${id}`} className={buttonVariants({ variant: "outline" })}>
      Back to the workflow
    </Link>
  );
  const header = (
    <PageHeader
      title={`Edit “${workflow.name}”`}
      description="Changes are checked before they are saved: you will see which access widens or narrows and what else follows."
      actions={back}
    />
  );

  if (!workflow.may.editBusiness && !workflow.may.editTechnical) {
    return (
      <>
        {header}
        <EmptyState
          icon={Lock}
          title={workflow.status === "retired" ? "A retired workflow cannot change" : "You cannot edit this workflow"}
          description={
            workflow.status === "retired"
              ? "Declare a new workflow if the task is needed again."
              : "Its business owner changes the task and data sets; identity owners change the identity owner and review cadence."
          }
        />
      </>
    );
  }

  const { users, dataSets } = await loadPickerOptions(actor);
  // An approved data set beyond the picker's first page must still show by name.
  const missing = workflow.dataSets
    .filter((d) => !dataSets.some((o) => o.id === d.dataSetId))
    .map((d) => ({ id: d.dataSetId, name: d.name, system: d.system, sensitivity: d.sensitivity, environment: d.environment }));
  const owner = workflow.businessOwner;
  const identityOwner = workflow.identityOwner;
  const identityOwnerStillValid = users.some((u) => u.id === identityOwner?.id && u.roles.includes("identity_owner"));
  const formerDelegates = workflow.escalationPath
    .filter((step) => !step.active)
    .map((step) => ({ id: step.id, name: step.name, email: step.email, roles: [], inactive: true }));

  return (
    <>
      {header}
      <WorkflowForm
        mode="edit"
        workflowId={workflow.id}
        initial={valuesFromWorkflow(workflow)}
        may={{ editBusiness: workflow.may.editBusiness, editTechnical: workflow.may.editTechnical }}
        users={[...users, ...formerDelegates]}
        dataSets={[...dataSets, ...missing]}
        businessOwnerName={owner ? `${owner.name} (${owner.email})${owner.active ? "" : ", deactivated"}` : "Nobody: the workflow is ownerless"}
        formerIdentityOwner={identityOwner && !identityOwnerStillValid ? { id: identityOwner.id, name: identityOwner.name } : null}
      />
    </>
  );
}
