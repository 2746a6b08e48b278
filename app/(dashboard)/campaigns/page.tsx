import type { Metadata } from "next";
import Link from "next/link";
import { CalendarClock, Plus } from "lucide-react";
import { CampaignStatusBadge, ProgressBar, STAGE_LABEL } from "@/components/campaigns/campaign-badges";
import { FilterForm, type SearchParams, humanize, loadList, pickParams } from "@/components/lists/list-controls";
import { ListResults, filterChoices, optionsOf } from "@/components/lists/list-page";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { When } from "@/components/ui/when";
import { CAMPAIGN_STATUSES } from "@/db/schema/enums";
import { can } from "@/lib/auth/permissions";
import { listCampaigns } from "@/lib/domain/campaigns/list-campaigns";
import { requirePageActor } from "@/lib/server/page-actor";
import { cn, focusRing } from "@/lib/utils";
import { listCampaignsQuery } from "@/lib/validation/campaigns";

export const metadata: Metadata = { title: "Campaigns" };

const FILTERS = ["status"] as const;

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, [...FILTERS, "cursor", "prev", "limit"]);
  const result = await loadList(listCampaignsQuery, params, (query) => listCampaigns(actor, query));
  const mayManage = can(actor, "campaigns.manage");
  const filtered = Boolean(params.status);
  const choice = filterChoices("campaigns", params, result.fieldErrors);
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Access reviews over a scope of entitlements: stages, a due date, a frozen snapshot at launch, a non-response policy and an evidence package."
        actions={
          mayManage ? (
            <Link href="/campaigns/new" role="button" className={buttonVariants()}>
              <Plus aria-hidden="true" />
              New campaign
            </Link>
          ) : null
        }
      />
      <FilterForm label="Filter campaigns" pathname="/campaigns" active={filtered}>
        {choice("status", "Status", "Any status", optionsOf(CAMPAIGN_STATUSES, humanize))}
      </FilterForm>
      <ListResults
        result={result}
        errorTitle="No campaigns shown"
        empty={{
          icon: CalendarClock,
          title: filtered ? "No campaigns with this status" : "No campaigns yet",
          description: filtered
            ? "Clear the filter to see every campaign."
            : mayManage
              ? "Start one with New campaign: choose the scope, the stages and the due date, then launch it to freeze the population."
              : "An identity owner or an admin creates campaigns; they appear here once created.",
          action: mayManage && !filtered ? (
            <Link href="/campaigns/new" className={buttonVariants({ variant: "outline" })}>
              New campaign
            </Link>
          ) : undefined,
        }}
        pathname="/campaigns"
        filters={{ status: params.status, limit: params.limit }}
        cursor={params.cursor}
        history={params.prev}
      >
        {(items) => (
          <Table>
            <TCaption className="sr-only">Campaigns, newest first</TCaption>
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Status</TH>
                <TH className="w-56">Progress</TH>
                <TH>Stages</TH>
                <TH>Due</TH>
                <TH>Non-response</TH>
                <TH>Owner</TH>
              </TR>
            </THead>
            <TBody>
              {items.map((c) => (
                <TR key={c.id}>
                  <TD className="font-medium">
                    <Link href={`/campaigns/${c.id}`} className={cn("rounded-sm text-primary underline-offset-4 hover:underline", focusRing)}>
                      {c.name}
                    </Link>
                  </TD>
                  <TD>
                    <span className="flex flex-wrap gap-1">
                      <CampaignStatusBadge status={c.status} />
                      {c.overdue ? <Badge variant="danger">Overdue</Badge> : null}
                    </span>
                  </TD>
                  <TD>
                    {c.populationSize == null ? (
                      <span className="text-sm text-muted-foreground">Not launched</span>
                    ) : (
                      <ProgressBar label={`Decided in ${c.name}`} done={c.populationSize - c.pending} total={c.populationSize} />
                    )}
                  </TD>
                  <TD className="text-sm">{c.stages.map((s) => STAGE_LABEL[s] ?? s).join(" → ")}</TD>
                  <TD className="whitespace-nowrap">
                    <When value={c.dueAt} now={now} />
                  </TD>
                  <TD>{c.nonResponse === "revoke" ? <Badge variant="warning">Revoke</Badge> : <Badge>Keep</Badge>}</TD>
                  <TD>{c.owner?.name ?? "—"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </ListResults>
    </>
  );
}
