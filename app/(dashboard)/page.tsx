import type { Metadata } from "next";
import { FourQuestionsCard } from "@/components/overview/four-questions-card";
import { KpiGrid } from "@/components/overview/kpi-grid";
import { MyActionsCard } from "@/components/overview/my-actions-card";
import { WorkflowMatrix } from "@/components/overview/workflow-matrix";
import { PageHeader } from "@/components/ui/page-header";
import { getOverview } from "@/lib/domain/overview/get-overview";
import { listMyActions } from "@/lib/domain/overview/list-my-actions";
import { requirePageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requirePageActor();
  const now = new Date();
  const [overview, myActions] = await Promise.all([getOverview(actor, now), listMyActions(actor)]);

  return (
    <>
      <PageHeader
        title="Overview"
        description="Where your AI workflows, the identities they run as and their access stand right now."
      />
      <div className="grid gap-6">
        <KpiGrid kpis={overview.kpis} />
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="grid content-start gap-6 lg:col-span-2">
            <MyActionsCard actions={myActions} now={now} />
            <WorkflowMatrix cells={overview.workflowMatrix} />
          </div>
          <div className="grid content-start gap-6">
            <FourQuestionsCard />
          </div>
        </div>
      </div>
    </>
  );
}
