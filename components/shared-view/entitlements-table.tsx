"use client";

import * as React from "react";
import { revokeEntitlementAction } from "@/app/(dashboard)/workflows/[id]/revoke-actions";
import { SensitivityBadge } from "@/components/data-sets/sensitivity-badge";
import { EntitlementStatusBadge, formatJit } from "@/components/entitlements/entitlement-badges";
import { entitlementTargets } from "@/components/revocation/optimistic";
import { Badge } from "@/components/ui/badge";
import { TD, TR } from "@/components/ui/table";
import { ActionBadges } from "@/components/workflows/workflow-badges";
import { formatDateTime } from "@/lib/utils";
import { RevocableTable, RevokeCell, RowStatus, useRowRevoke } from "./revocable-table";
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
      <RevocableTable
        rows={map.entitlements}
        renderRow={(e) => (
          <EntitlementRow key={e.id} entitlement={e} nhiName={nhiName.get(e.nhiId) ?? "Unbound NHI"} queryKey={queryKey} now={now} mayRevoke={mayRevoke} />
        )}
        caption={`Entitlements of ${map.workflow.name}, by data set`}
        columns={["NHI", "Data set", "Actions", "Risk", "Status", "Access", "Next review", "Expires"]}
        mayRevoke={mayRevoke}
        empty="No entitlements yet. An identity owner or the business owner requests access for a bound NHI from the NHI page; it becomes active once both sides approve."
      />
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
  const { statusRef, pending, onRevoke } = useRowRevoke(e.id, {
    run: revokeEntitlementAction,
    noun: "Entitlement",
    describe: () => `${nhiName} may no longer ${e.actions.join(", ")} ${e.dataSetName}.`,
    cache: { queryKey, targets: (map, vars) => entitlementTargets(map, vars.id) },
  });
  const live = e.status === "active" || e.status === "pending";
  const nhiId = `sv-ent-${e.id}-nhi`;
  const dataSetId = `sv-ent-${e.id}-ds`;

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
        <RowStatus ref={statusRef}>
          <EntitlementStatusBadge status={e.status} />
        </RowStatus>
      </TD>
      <TD className="whitespace-nowrap">{e.jit ? <Badge variant="info">{formatJit(true, e.maxTtlSeconds)}</Badge> : "Standing"}</TD>
      <TD className="whitespace-nowrap">{live ? <NextReview at={e.nextReviewAt} now={now} /> : "—"}</TD>
      <TD className="whitespace-nowrap">
        <ExpiryBadge at={e.expiresAt} now={now} never="No expiry" />
      </TD>
      <RevokeCell mayRevoke={mayRevoke} live={live} id={`sv-ent-${e.id}`} describedBy={`${nhiId} ${dataSetId}`} pending={pending} onRevoke={onRevoke} />
    </TR>
  );
}
