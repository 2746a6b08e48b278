import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FileText } from "lucide-react";
import { STAGE_LABEL } from "@/components/campaigns/campaign-badges";
import { PrintButton } from "@/components/campaigns/print-button";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { getEvidenceReport } from "@/lib/domain/campaigns/export-evidence";
import { isAppError } from "@/lib/errors";
import { requirePageActor } from "@/lib/server/page-actor";
import { uuid } from "@/lib/validation/common";

export const metadata: Metadata = { title: "Campaign report" };

/** A printed report stays readable on paper; beyond this many items it points to the CSV for the rest. */
const PRINT_LIMIT = 2_000;

const OUTCOME: Record<string, string> = {
  certified: "Certified",
  modified: "Modified",
  revoked: "Revoked",
  non_response_kept: "No response — kept",
  non_response_revoked: "No response — revoked",
  pending: "Pending",
};

/** The evidence package as a page to print or save as PDF: header, reconciliation, then every item. */
export default async function CampaignReportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  if (!uuid.safeParse(id).success) notFound();
  let report: Awaited<ReturnType<typeof getEvidenceReport>>;
  try {
    report = await getEvidenceReport(actor, id);
  } catch (e) {
    if (isAppError(e) && e.status === 404) notFound();
    if (isAppError(e) && (e.status === 409 || e.status === 403)) {
      return (
        <>
          <BackLink href={`/campaigns/${id}`}>Campaign</BackLink>
          <EmptyState
            icon={FileText}
            title="No report for this campaign"
            description={e.status === 409 ? "A report exists once the campaign is launched: a draft has no frozen population yet." : "Evidence reports are for identity owners, admins and auditors."}
          />
        </>
      );
    }
    throw e;
  }
  const { header, totals, items } = report;
  // Decisions first, one row per item; the item's entitlement appears once per stage it reached.
  const shown = items.slice(0, PRINT_LIMIT);

  return (
    <article className="campaign-report grid gap-6 print:gap-4 print:text-[11px]">
      <div className="no-print">
        <BackLink href={`/campaigns/${id}`}>Campaign</BackLink>
      </div>
      <PageHeader
        title={`Access review evidence: ${header.name}`}
        description={`Generated ${new Date().toISOString()} (UTC). Status ${header.status}.`}
        actions={
          <>
            <PrintButton />
            <a href={`/api/v1/campaigns/${id}/evidence?format=csv`} download className={buttonVariants({ variant: "outline" })}>
              Download evidence (CSV)
            </a>
            <Link href={`/campaigns/${id}`} className={buttonVariants({ variant: "ghost" })}>
              Back to campaign
            </Link>
          </>
        }
      />

      <section aria-labelledby="report-campaign" className="grid gap-2">
        <h2 id="report-campaign" className="text-base font-semibold">
          Campaign
        </h2>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-muted-foreground">Stages</dt>
          <dd>{header.stages.map((s) => STAGE_LABEL[s] ?? s).join(" → ")} (any revoke wins)</dd>
          <dt className="text-muted-foreground">Scope</dt>
          <dd className="font-mono text-xs">{JSON.stringify(header.scope)}</dd>
          <dt className="text-muted-foreground">Non-response policy</dt>
          <dd>{header.nonResponse}</dd>
          <dt className="text-muted-foreground">Due / launched / closed (UTC)</dt>
          <dd>
            {header.dueAt} / {header.launchedAt ?? "—"} / {header.closedAt ?? "—"}
          </dd>
          <dt className="text-muted-foreground">Snapshot SHA-256</dt>
          <dd className="font-mono text-xs break-all">
            {header.snapshotHash} — {header.snapshotHashVerified ? "verified against the stored items" : "DOES NOT MATCH the stored items"}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="report-totals" className="grid gap-2 break-inside-avoid">
        <h2 id="report-totals" className="text-base font-semibold">
          Reconciliation
        </h2>
        <p className={totals.reconciles ? "text-sm" : "text-sm font-semibold text-danger"}>{totals.equation}</p>
        <Table className="max-w-md">
          <TCaption className="sr-only">Totals</TCaption>
          <TBody>
            {(
              [
                ["Population (frozen at launch)", totals.population],
                ["Certified", totals.certified],
                ["Modified (narrowed)", totals.modified],
                ["Revoked by a reviewer", totals.revoked],
                ["No response — kept", totals.nonResponseKept],
                ["No response — revoked", totals.nonResponseRevoked],
                ["Still pending", totals.pending],
                ["Review items (all stages)", totals.items],
              ] as const
            ).map(([label, value]) => (
              <TR key={label}>
                <TH scope="row" className="font-normal">
                  {label}
                </TH>
                <TD className="text-right tabular-nums">{value.toLocaleString("en-US")}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </section>

      <section aria-labelledby="report-items" className="grid gap-2">
        <h2 id="report-items" className="text-base font-semibold">
          Items
        </h2>
        {items.length > PRINT_LIMIT ? (
          <p className="text-sm text-muted-foreground">
            Showing the first {PRINT_LIMIT.toLocaleString("en-US")} of {items.length.toLocaleString("en-US")} items; the CSV and JSON evidence hold every item.
          </p>
        ) : null}
        {shown.length === 0 ? (
          <p className="text-sm text-muted-foreground">No entitlement matched the scope at launch.</p>
        ) : (
          <Table className="text-xs">
            <TCaption className="sr-only">Every review item with its decision</TCaption>
            <THead>
              <TR>
                <TH>Workflow / NHI → data set</TH>
                <TH>Actions</TH>
                <TH>Stage</TH>
                <TH>Reviewer</TH>
                <TH>Decision</TH>
                <TH>Rationale</TH>
                <TH>Decided (UTC)</TH>
                <TH>Outcome</TH>
                <TH>Remediation proof</TH>
              </TR>
            </THead>
            <TBody>
              {shown.map((item) => (
                <TR key={item.itemId}>
                  <TD>
                    {String(item.snapshot.workflowName ?? "")} / {String(item.snapshot.nhiName ?? "")} → {String(item.snapshot.dataSetName ?? "")}
                    <span className="block text-muted-foreground">
                      {String(item.snapshot.sensitivity ?? "")}, {String(item.snapshot.environment ?? "")}
                    </span>
                  </TD>
                  <TD>{Array.isArray(item.snapshot.actions) ? (item.snapshot.actions as string[]).join(", ") : ""}</TD>
                  <TD>{STAGE_LABEL[item.stage] ?? item.stage}</TD>
                  <TD>{item.decidedBy ?? item.reviewer ?? "Unassigned"}</TD>
                  <TD>{item.decision ?? (item.status === "closed" ? "closed" : "pending")}</TD>
                  <TD className="max-w-64 break-words">{item.rationale ?? item.closedReason ?? ""}</TD>
                  <TD className="whitespace-nowrap">{item.decidedAt ?? ""}</TD>
                  <TD>{OUTCOME[item.outcome] ?? item.outcome}</TD>
                  <TD className="font-mono text-[10px] break-all">
                    {item.remediation
                      ? `audit #${item.remediation.auditEventSeq ?? "?"} ${item.remediation.auditEventHash?.slice(0, 16) ?? ""}… · hooks ${item.remediation.deliveryStatus} (${item.remediation.deliveries.succeeded}/${item.remediation.deliveries.total})`
                      : ""}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </article>
  );
}
