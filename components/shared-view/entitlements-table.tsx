"use client";

import * as React from "react";
import { revokeEntitlementAction } from "@/app/(dashboard)/workflows/[id]/revoke-actions";
import { EntitlementStatusBadge, SensitivityBadge, formatJit } from "@/components/entitlements/entitlement-badges";
import { entitlementTargets } from "@/components/revocation/optimistic";
import { RowRevoke } from "@/components/revocation/row-revoke";
import { useRevoke } from "@/components/revocation/use-revoke";
import { Badge } from "@/components/ui/badge";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { ActionBadges } from "@/components/workflows/workflow-badges";
import { formatDateTime } from "@/lib/utils";
import { ExpiryBadge, NextReview, RiskBadge, SharedSection } from "./shared-badges";
import type { AccessMap, MapEntitlement } from "./types";
import { useAccessMap } from "./use-access-map";

export type EntitlementsTableProps = {
  initial: AccessMap;
  now: Date;
  /** The caller is an identity owner or an owner of this workflow (the domain checks again). */
  mayRevoke: boolean;
};

/** Every grant of the workflow, with a one-click Revoke that an Undo can take back for 30 seconds. */
export function EntitlementsTable({ initial, now, mayRevoke }: EntitlementsTableProps) {
  const { map, queryKey } = useAccessMap(initial);
  const nhiName = new Map(map.identities.map((i) => [i.id, i.name]));
  const open = map.entitlements.filter((e) => e.status === "active" || e.status === "pending").length;

  return (
    <SharedSection
      id="sv-entitlements"
      title="Entitlements"
      description={`${open} open of ${map.entitlements.length}: which NHI may do what on which data set, how risky it is, and when it is next reviewed.`}
    >
      {map.entitlements.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
          No entitlements yet. An identity owner or the business owner requests access for a bound NHI from the NHI page; it becomes active
          once both sides approve.
        </p>
      ) : (
        <Table>
          <TCaption className="sr-only">Entitlements of {map.workflow.name}, by data set</TCaption>
          <THead>
            <TR>
              <TH>NHI</TH>
              <TH>Data set</TH>
              <TH>Actions</TH>
              <TH>Risk</TH>
              <TH>Status</TH>
              <TH>Access</TH>
              <TH>Next review</TH>
              <TH>Expires</TH>
              {mayRevoke ? (
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              ) : null}
            </TR>
          </THead>
          <TBody>
            {map.entitlements.map((e) => (
              <EntitlementRow
                key={e.id}
                entitlement={e}
                nhiName={nhiName.get(e.nhiId) ?? "Unbound NHI"}
                queryKey={queryKey}
                now={now}
                mayRevoke={mayRevoke}
              />
            ))}
          </TBody>
        </Table>
      )}
    </SharedSection>
  );
}

type RowProps = {
  entitlement: MapEntitlement;
  nhiName: string;
  queryKey: readonly unknown[];
  now: Date;
  mayRevoke: boolean;
};

function EntitlementRow({ entitlement: e, nhiName, queryKey, now, mayRevoke }: RowProps) {
  const statusRef = React.useRef<HTMLSpanElement>(null);
  const revoke = useRevoke<{ id: string; reason: string }>({
    run: revokeEntitlementAction,
    noun: "Entitlement",
    describe: () => `${nhiName} may no longer ${e.actions.join(", ")} ${e.dataSetName}.`,
    cache: { queryKey, targets: (map, vars) => entitlementTargets(map, vars.id) },
  });
  const live = e.status === "active" || e.status === "pending";
  const nhiId = `sv-ent-${e.id}-nhi`;
  const dataSetId = `sv-ent-${e.id}-ds`;

  function onRevoke(reason: string) {
    revoke.mutate({ id: e.id, reason });
    // The button leaves with the row's open status; keep keyboard focus on the row's new status.
    statusRef.current?.focus();
  }

  return (
    <TR className={live ? undefined : "text-muted-foreground"}>
      <TD>
        <span id={nhiId} className="font-medium">
          {nhiName}
        </span>
      </TD>
      <TD>
        <div className="flex flex-wrap items-center gap-1.5">
          <span id={dataSetId}>{e.dataSetName}</span>
          <SensitivityBadge sensitivity={e.sensitivity} />
          {e.exceedsApproval ? (
            <Badge variant="danger" title={e.exceedsApprovalSince ? `Since ${formatDateTime(e.exceedsApprovalSince)}` : undefined}>
              Exceeds approval
            </Badge>
          ) : null}
        </div>
      </TD>
      <TD>
        <ActionBadges actions={e.actions} />
      </TD>
      <TD>
        <RiskBadge risk={e.risk} />
      </TD>
      <TD>
        <span ref={statusRef} tabIndex={-1} className="rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <EntitlementStatusBadge status={e.status} />
        </span>
      </TD>
      <TD className="whitespace-nowrap">{e.jit ? <Badge variant="info">{formatJit(true, e.maxTtlSeconds)}</Badge> : "Standing"}</TD>
      <TD className="whitespace-nowrap">{live ? <NextReview at={e.nextReviewAt} now={now} /> : "—"}</TD>
      <TD className="whitespace-nowrap">
        <ExpiryBadge at={e.expiresAt} now={now} never="No expiry" />
      </TD>
      {mayRevoke ? (
        <TD className="text-right">
          {live ? <RowRevoke id={`sv-ent-${e.id}`} describedBy={`${nhiId} ${dataSetId}`} pending={revoke.isPending} onRevoke={onRevoke} /> : null}
        </TD>
      ) : null}
    </TR>
  );
}
