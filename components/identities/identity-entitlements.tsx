import * as React from "react";
import Link from "next/link";
import { SensitivityBadge } from "@/components/data-sets/sensitivity-badge";
import { EntitlementStatusBadge, ExceedsApprovalBadge, formatJit } from "@/components/entitlements/entitlement-badges";
import { Dash } from "@/components/lists/list-controls";
import { Badge } from "@/components/ui/badge";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { IdentityDetail } from "@/lib/domain/identities/get-identity";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { IdentitySection } from "./identity-section";

/** What this identity may do, on which data, for which workflow, and when it is next reviewed. */
export function IdentityEntitlements({ identity, now }: { identity: IdentityDetail; now: Date }) {
  return (
    <IdentitySection
      id="nhi-entitlements"
      title="Entitlements"
      description="Access granted (or requested) for this identity, each within one workflow's approved data sets."
    >
      {identity.entitlements.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-3 py-3 text-sm text-muted-foreground">
          No entitlements yet. Use Request access to ask for access to a data set one of its workflows is approved for; it becomes active once both
          owners approve.
        </p>
      ) : (
        <Table>
          <TCaption className="sr-only">Entitlements of {identity.name}, newest first</TCaption>
          <THead>
            <TR>
              <TH scope="col">Workflow</TH>
              <TH scope="col">Data set</TH>
              <TH scope="col">Actions</TH>
              <TH scope="col">Status</TH>
              <TH scope="col">Access</TH>
              <TH scope="col">Next review</TH>
            </TR>
          </THead>
          <TBody>
            {identity.entitlements.map((e) => {
              const live = e.status === "active" || e.status === "pending";
              const reviewOverdue = e.status === "active" && e.nextReviewAt !== null && e.nextReviewAt < now;
              return (
                <TR key={e.id}>
                  <TD>
                    <Link href={`/workflows/${e.workflowId}`} className="font-medium text-primary underline-offset-4 hover:underline">
                      {e.workflowName}
                    </Link>
                  </TD>
                  <TD>
                    <span className="flex flex-wrap items-center gap-1.5">
                      {e.dataSetName}
                      <SensitivityBadge sensitivity={e.sensitivity} />
                    </span>
                  </TD>
                  <TD className="whitespace-nowrap">{e.actions.join(", ")}</TD>
                  <TD>
                    <span className="flex flex-wrap items-center gap-1.5">
                      <EntitlementStatusBadge status={e.status} />
                      {live && e.exceedsApprovalSince ? <ExceedsApprovalBadge since={e.exceedsApprovalSince} /> : null}
                    </span>
                  </TD>
                  <TD className="whitespace-nowrap">
                    {formatJit(e.jit)}
                    {e.expiresAt ? (
                      <span className="block text-xs text-muted-foreground" title={formatDateTime(e.expiresAt)}>
                        Ends {formatRelative(e.expiresAt, now)}
                      </span>
                    ) : null}
                  </TD>
                  <TD className="whitespace-nowrap tabular-nums">
                    {e.status === "active" && e.nextReviewAt ? (
                      <span className="flex items-center gap-1.5">
                        <time dateTime={e.nextReviewAt.toISOString()} title={formatDateTime(e.nextReviewAt)}>
                          {formatRelative(e.nextReviewAt, now)}
                        </time>
                        {reviewOverdue ? <Badge variant="danger">Overdue</Badge> : null}
                      </span>
                    ) : (
                      <Dash label="Not scheduled" />
                    )}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </IdentitySection>
  );
}
