import type { Metadata } from "next";
import { CredentialAgeChart } from "@/components/overview/credential-age-chart";
import { FindingsTrendChart } from "@/components/overview/findings-trend-chart";
import { FourQuestionsCard } from "@/components/overview/four-questions-card";
import { KpiGrid } from "@/components/overview/kpi-grid";
import { MyActionsCard } from "@/components/overview/my-actions-card";
import { ReviewCompletionCard } from "@/components/overview/review-completion-card";
import { RevocationConfirmationChart } from "@/components/overview/revocation-confirmation-chart";
import { WorkflowMatrix } from "@/components/overview/workflow-matrix";
import { PageHeader } from "@/components/ui/page-header";
import { getCredentialAgeDistribution } from "@/lib/domain/overview/get-credential-age-distribution";
import { getFindingsTrend } from "@/lib/domain/overview/get-findings-trend";
import { getOverview } from "@/lib/domain/overview/get-overview";
import { getReviewCompletion } from "@/lib/domain/overview/get-review-completion";
import { getRevocationConfirmation } from "@/lib/domain/overview/get-revocation-confirmation";
import { listMyActions } from "@/lib/domain/overview/list-my-actions";
import { requirePageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requirePageActor();
  const now = new Date();
  // Every figure is read for the same instant, so the tiles and the charts agree.
  const [overview, myActions, findingsTrend, reviewCompletion, credentialAges, revocationConfirmation] = await Promise.all([
    getOverview(actor, now),
    listMyActions(actor),
    getFindingsTrend(actor, { days: 90, now }),
    getReviewCompletion(actor, now),
    getCredentialAgeDistribution(actor, now),
    getRevocationConfirmation(actor, { days: 30, now }),
  ]);

  return (
    <>
      <PageHeader
        title="Overview"
        description="Where your AI workflows, the identities they run as and their access stand right now."
      />
      <div className="grid gap-6">
        <KpiGrid kpis={overview.kpis} />
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="grid min-w-0 content-start gap-6 lg:col-span-2">
            <MyActionsCard actions={myActions} now={now} />
            <FindingsTrendChart days={findingsTrend.days} />
          </div>
          <div className="grid min-w-0 content-start gap-6">
            <ReviewCompletionCard completion={reviewCompletion} now={now} />
            <FourQuestionsCard />
          </div>
        </div>
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="min-w-0">
            <CredentialAgeChart distribution={credentialAges} />
          </div>
          <div className="min-w-0">
            <RevocationConfirmationChart confirmation={revocationConfirmation} />
          </div>
        </div>
        <WorkflowMatrix cells={overview.workflowMatrix} />
      </div>
    </>
  );
}
