import type { Metadata } from "next";
import Link from "next/link";
import { Workflow } from "lucide-react";
import { InlineAlert } from "@/components/lists/list-controls";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { loadPickerOptions } from "@/components/workflows/load-workflow";
import { WorkflowForm } from "@/components/workflows/workflow-form";
import { can } from "@/lib/auth/permissions";
import { hasRole } from "@/lib/domain/actor";
import { requirePageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "New workflow" };

export default async function NewWorkflowPage() {
  const actor = await requirePageActor();
  const header = (
    <PageHeader
      title="New workflow"
      description="Declare the business task an AI workflow performs, the data it may touch and who is accountable for it. It is saved as a draft and grants nothing until it is activated."
    />
  );

  if (!hasRole(actor, "business_owner") || !can(actor, "workflows.write")) {
    return (
      <>
        {header}
        <EmptyState
          icon={Workflow}
          title="Only business owners declare workflows"
          description="Ask the business owner of the task to declare it, or ask an admin for the business owner role."
          action={
            <Link href="/workflows" className={buttonVariants({ variant: "outline" })}>
              Back to workflows
            </Link>
          }
        />
      </>
    );
  }

  const { users, dataSets } = await loadPickerOptions(actor);
  const me = users.find((u) => u.id === actor.userId);
  return (
    <>
      {header}
      {dataSets.length === 0 ? (
        <InlineAlert title="No data sets are registered yet" className="mb-6">
          A workflow is approved on data sets. An identity owner or admin registers them under{" "}
          <Link href="/data-sets" className="font-medium underline underline-offset-4">
            Data sets
          </Link>
          ; you can save the draft without any and add them later.
        </InlineAlert>
      ) : null}
      <WorkflowForm mode="create" users={users} dataSets={dataSets} businessOwnerName={me ? `${me.name} (${me.email})` : actor.label} />
    </>
  );
}
