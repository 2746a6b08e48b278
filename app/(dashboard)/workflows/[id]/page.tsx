import type { Metadata } from "next";
import Link from "next/link";
import { Pencil } from "lucide-react";
import { AccessMapView } from "@/components/shared-view/access-map";
import { CredentialsTable } from "@/components/shared-view/credentials-table";
import { EntitlementsTable } from "@/components/shared-view/entitlements-table";
import { FourQuestions } from "@/components/shared-view/four-questions";
import { KillSwitch } from "@/components/shared-view/kill-switch";
import { RecentRevocations } from "@/components/shared-view/recent-revocations";
import { buttonVariants } from "@/components/ui/button";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { ChangeHistory } from "@/components/workflows/change-history";
import { LifecycleControls } from "@/components/workflows/lifecycle-controls";
import { loadPickerOptions, loadWorkflowOr404 } from "@/components/workflows/load-workflow";
import { TaskSection } from "@/components/workflows/task-section";
import { AutonomyBadge, StatusBadge, VendorBadge } from "@/components/workflows/workflow-badges";
import { can } from "@/lib/auth/permissions";
import { hasRole } from "@/lib/domain/actor";
import { listAuditForTarget } from "@/lib/domain/audit/list-audit-events";
import { getAccessMap } from "@/lib/domain/workflows/get-access-map";
import { requirePageActor } from "@/lib/server/page-actor";
import { formatDateTime } from "@/lib/utils";

export const metadata: Metadata = { title: "Workflow" };

export default async function WorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const workflow = await loadWorkflowOr404(actor, id);
  const [{ users, dataSets }, history, accessMap] = await Promise.all([
    loadPickerOptions(actor),
    can(actor, "audit.read") ? listAuditForTarget(actor, "workflow", workflow.id) : null,
    can(actor, "entitlements.read") ? getAccessMap(actor, workflow.id) : null,
  ]);
  const now = new Date();
  // Mirrors the domain's revoke rule so nobody is offered a button that answers 403; the domain still decides.
  const mayRevoke =
    can(actor, "access.revoke") &&
    (hasRole(actor, "identity_owner") || (actor.userId !== null && [workflow.businessOwner?.id, workflow.identityOwner?.id].includes(actor.userId)));

  const editLink =
    workflow.may.editBusiness || workflow.may.editTechnical ? (
      <Link href={`/workflows/${workflow.id}/edit`} className={buttonVariants({ variant: "outline" })}>
        <Pencil aria-hidden="true" />
        Edit
      </Link>
    ) : null;

  return (
    <>
      <BackLink href="/workflows">Workflows</BackLink>
      <PageHeader
        title={workflow.name}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            <span className="sr-only">Status:</span>
            <StatusBadge status={workflow.status} />
            <span className="sr-only">Autonomy:</span>
            <AutonomyBadge autonomy={workflow.autonomy} />
            {workflow.vendor ? <VendorBadge vendor={workflow.vendor} /> : null}
            {workflow.retiredAt ? <span>Retired {formatDateTime(workflow.retiredAt)}; its access was revoked.</span> : null}
          </span>
        }
        actions={
          workflow.may.lifecycle ? (
            <LifecycleControls workflowId={workflow.id} workflowName={workflow.name} status={workflow.status}>
              {editLink}
            </LifecycleControls>
          ) : (
            editLink
          )
        }
      />
      <div className="grid gap-10">
        {accessMap ? (
          <>
            <FourQuestions
              map={accessMap}
              now={now}
              killSwitch={mayRevoke && workflow.status !== "retired" ? <KillSwitch initial={accessMap} /> : null}
            />
            <AccessMapView initial={accessMap} />
            <EntitlementsTable initial={accessMap} now={now} mayRevoke={mayRevoke} />
            <CredentialsTable initial={accessMap} now={now} mayRevoke={mayRevoke} />
            <RecentRevocations initial={accessMap} now={now} />
          </>
        ) : (
          <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
            You cannot read entitlements, so the shared view of this workflow&apos;s access is hidden.
          </p>
        )}
        <TaskSection
          workflow={workflow}
          users={users}
          dataSets={dataSets}
          actor={{ userId: actor.userId, mayRequestExceptions: can(actor, "exceptions.request") }}
        />
        <ChangeHistory workflowId={workflow.id} events={history} />
      </div>
    </>
  );
}
