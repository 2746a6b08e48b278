import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Download, FileText, ListChecks } from "lucide-react";
import { BurndownChart } from "@/components/campaigns/burndown-chart";
import { CampaignStatusBadge, ProgressBar, STAGE_LABEL } from "@/components/campaigns/campaign-badges";
import { CampaignControls } from "@/components/campaigns/campaign-controls";
import { ReviewerProgressTable, StageProgressCard } from "@/components/campaigns/progress-tables";
import { type Candidate, ReassignDialog } from "@/components/campaigns/reassign-dialog";
import { CursorPagination, type SearchParams, pickParams } from "@/components/lists/list-controls";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { When } from "@/components/ui/when";
import { can } from "@/lib/auth/permissions";
import { getCampaign } from "@/lib/domain/campaigns/get-campaign";
import { listCampaignItems, listStageReviewers } from "@/lib/domain/campaigns/list-campaign-items";
import { isAppError } from "@/lib/errors";
import { requirePageActor } from "@/lib/server/page-actor";
import { listCampaignItemsQuery } from "@/lib/validation/campaigns";
import { uuid } from "@/lib/validation/common";

export const metadata: Metadata = { title: "Campaign" };

const n = (v: number) => v.toLocaleString("en-US");

export default async function CampaignPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  if (!uuid.safeParse(id).success) notFound();
  const detail = await getCampaign(actor, id).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  });
  const { campaign, totals } = detail;
  const query = pickParams(await searchParams, ["status", "cursor", "prev"]);
  const parsedQuery = listCampaignItemsQuery.safeParse({ ...query, limit: 50 });
  const items = campaign.status === "draft" || !parsedQuery.success ? null : await listCampaignItems(actor, id, parsedQuery.data).catch(() => null);
  const mayManage = can(actor, "campaigns.manage");
  const mayExport = can(actor, "evidence.export") && campaign.status !== "draft";
  const candidates: Record<string, Candidate[]> =
    mayManage && campaign.status === "active"
      ? {
          business_owner: [...(await listStageReviewers(actor, "business_owner"))],
          identity_owner: [...(await listStageReviewers(actor, "identity_owner"))],
        }
      : {};
  const now = new Date();
  const scope = campaign.scope as Record<string, unknown>;
  const scopeText = Object.entries(scope)
    .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : Boolean(v)))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join(" · ");

  return (
    <>
      <BackLink href="/campaigns">Campaigns</BackLink>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {campaign.name} <CampaignStatusBadge status={campaign.status} />
          </span>
        }
        description={campaign.description || `Stages: ${campaign.stages.map((s) => STAGE_LABEL[s]).join(" → ")}. Undecided items at close are ${campaign.nonResponse === "revoke" ? "revoked" : "kept"}.`}
        actions={
          <>
            {mayManage ? (
              <CampaignControls id={campaign.id} name={campaign.name} status={campaign.status} nonResponse={campaign.nonResponse} pending={totals.pending} />
            ) : null}
            {mayExport ? (
              <>
                <a href={`/api/v1/campaigns/${campaign.id}/evidence?format=csv`} download className={buttonVariants({ variant: "outline" })}>
                  <Download aria-hidden="true" />
                  Download evidence (CSV)
                </a>
                <a href={`/api/v1/campaigns/${campaign.id}/evidence?format=json`} download className={buttonVariants({ variant: "outline" })}>
                  <Download aria-hidden="true" />
                  Download evidence (JSON)
                </a>
                <Link href={`/campaigns/${campaign.id}/report`} className={buttonVariants({ variant: "outline" })}>
                  <FileText aria-hidden="true" />
                  Printable report
                </Link>
              </>
            ) : null}
          </>
        }
      />

      <div className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Stat label="Population" value={campaign.populationSize == null ? "—" : n(totals.population)} hint={campaign.launchedAt ? "Frozen at launch" : "Frozen when launched"} />
        <Stat label="Undecided" value={n(totals.pending)} tone={totals.pending ? "warning" : "neutral"} />
        <Stat label="Overdue" value={n(totals.overdue)} tone={totals.overdue ? "danger" : "neutral"} />
        <Stat label="Revoked by reviewers" value={n(totals.revokes)} />
        <Stat label="Due" value={campaign.dueAt.toISOString().slice(0, 10)} hint="End of day, UTC" />
      </div>

      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Overview</CardTitle>
          <CardDescription>
            Scope: {scopeText || "every active entitlement"} · Owner: {campaign.ownerName ?? "—"}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 text-sm">
          {campaign.populationSize != null ? (
            <ProgressBar label="Entitlements with a final decision" done={totals.resolved} total={totals.population} />
          ) : null}
          <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="text-muted-foreground">Launched</dt>
            <dd>{campaign.launchedAt ? <When value={campaign.launchedAt} now={now} /> : "Not yet"}</dd>
            <dt className="text-muted-foreground">Closed</dt>
            <dd>{campaign.closedAt ? <When value={campaign.closedAt} now={now} /> : "Not yet"}</dd>
            <dt className="text-muted-foreground">Snapshot SHA-256</dt>
            <dd className="font-mono text-xs break-all">{campaign.snapshotHash ?? "Computed at launch"}</dd>
          </dl>
        </CardContent>
      </Card>

      {campaign.status === "draft" ? (
        <EmptyState
          icon={ListChecks}
          title="This campaign is a draft"
          description={
            mayManage
              ? "Launch it to freeze the population: each in-scope active entitlement gets a review item for its first-stage reviewer, who is notified."
              : "An identity owner or admin launches it; progress appears here afterwards."
          }
        />
      ) : (
        <div className="grid gap-6">
          <div className="grid gap-6 lg:grid-cols-2">
            <StageProgressCard stages={detail.stages} />
            <BurndownChart points={detail.burndown} />
          </div>
          <ReviewerProgressTable reviewers={detail.reviewers} />
          <Card>
            <CardHeader>
              <CardTitle>Items</CardTitle>
              <CardDescription>
                Every review item, with the facts frozen at launch.{" "}
                <Link className="text-primary underline-offset-4 hover:underline" href={`/campaigns/${campaign.id}?status=pending`}>
                  Pending only
                </Link>{" "}
                ·{" "}
                <Link className="text-primary underline-offset-4 hover:underline" href={`/campaigns/${campaign.id}`}>
                  All
                </Link>
              </CardDescription>
            </CardHeader>
            <CardContent>
              {!items || items.items.length === 0 ? (
                <p className="text-sm text-muted-foreground">
                  {query.status ? "No items with this status." : "No entitlement matched the scope at launch, so there is nothing to review."}
                </p>
              ) : (
                <>
                  <Table>
                    <TCaption className="sr-only">Review items of {campaign.name}</TCaption>
                    <THead>
                      <TR>
                        <TH>Workflow</TH>
                        <TH>NHI</TH>
                        <TH>Data set</TH>
                        <TH>Actions</TH>
                        <TH>Stage</TH>
                        <TH>Reviewer</TH>
                        <TH>Status</TH>
                        {mayManage && campaign.status === "active" ? <TH className="sr-only">Reassign</TH> : null}
                      </TR>
                    </THead>
                    <TBody>
                      {items.items.map((item) => (
                        <TR key={item.id}>
                          <TD className="font-medium">{item.workflowName}</TD>
                          <TD>{item.nhiName}</TD>
                          <TD>{item.dataSetName}</TD>
                          <TD>{item.actions.join(", ")}</TD>
                          <TD>{STAGE_LABEL[item.stage] ?? item.stage}</TD>
                          <TD>{item.reviewer ? item.reviewer.name : <span className="text-warning">Unassigned</span>}</TD>
                          <TD>
                            <Badge variant={item.decision === "revoke" ? "danger" : item.status === "pending" ? "info" : item.decision === "non_response" ? "warning" : "success"}>
                              {item.decision ? item.decision.replace("_", "-") : item.status}
                            </Badge>
                          </TD>
                          {mayManage && campaign.status === "active" ? (
                            <TD className="text-right">
                              {item.status === "pending" ? (
                                <ReassignDialog
                                  campaignId={campaign.id}
                                  itemId={item.id}
                                  subject={`${item.workflowName} / ${item.nhiName} → ${item.dataSetName}`}
                                  currentReviewerId={item.reviewer?.id ?? null}
                                  candidates={(candidates[item.stage] ?? []).filter((c) => c.id !== item.requestedById && c.id !== item.identityApprovedById)}
                                />
                              ) : null}
                            </TD>
                          ) : null}
                        </TR>
                      ))}
                    </TBody>
                  </Table>
                  <CursorPagination pathname={`/campaigns/${campaign.id}`} filters={{ status: query.status }} cursor={query.cursor} history={query.prev} nextCursor={items.nextCursor} />
                </>
              )}
            </CardContent>
          </Card>
        </div>
      )}
    </>
  );
}
