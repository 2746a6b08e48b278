"use client";

import * as React from "react";
import { revokeCredentialFromViewAction } from "@/app/(dashboard)/workflows/[id]/revoke-actions";
import { CredentialStatusBadge } from "@/components/identities/identity-badges";
import { humanize } from "@/components/lists/list-controls";
import { Badge } from "@/components/ui/badge";
import { TD, TR } from "@/components/ui/table";
import { formatAge, formatDateTime } from "@/lib/utils";
import { RevocableTable, RevokeCell, RowStatus, useRowRevoke } from "./revocable-table";
import { ExpiryBadge, SharedSection } from "./shared-badges";
import type { AccessMap, MapCredential } from "./types";
import { useAccessMap } from "./use-access-map";

export type CredentialsTableProps = { initial: AccessMap; now: Date; mayRevoke: boolean };

/** The Credentials question: which secrets exist only for this task, how old they are and when they expire. */
export function CredentialsTable({ initial, now, mayRevoke }: CredentialsTableProps) {
  const { map, queryKey } = useAccessMap(initial);
  const nhiName = new Map(map.identities.map((i) => [i.id, i.name]));
  const active = map.credentials.filter((c) => c.status === "active").length;

  return (
    <SharedSection
      id="sv-credentials"
      title="Credentials"
      description={`${active} live: secrets, tokens and certificates issued for this task or held by an NHI that serves nothing else. Metadata only; the secrets are never stored.`}
    >
      <RevocableTable
        rows={map.credentials}
        renderRow={(c) => (
          <CredentialRow key={c.id} credential={c} nhiName={nhiName.get(c.nhiId) ?? "Unknown NHI"} queryKey={queryKey} now={now} mayRevoke={mayRevoke} />
        )}
        caption={`Credentials of ${map.workflow.name}, newest first`}
        columns={["Credential", "NHI", "Kind", "Age", "Expires", "Status"]}
        mayRevoke={mayRevoke}
        empty="No credential exists only for this task. Identity owners register credentials on the NHI page; JIT tokens minted for its entitlements appear here too."
      />
    </SharedSection>
  );
}

type RowProps = { credential: MapCredential; nhiName: string; queryKey: readonly unknown[]; now: Date; mayRevoke: boolean };

function CredentialRow({ credential: c, nhiName, queryKey, now, mayRevoke }: RowProps) {
  const label = c.name || humanize(c.kind);
  const { statusRef, pending, onRevoke } = useRowRevoke(c.id, {
    run: revokeCredentialFromViewAction,
    noun: "Credential",
    describe: () => `${label} of ${nhiName} is no longer valid.`,
    cache: { queryKey, targets: (_map, vars) => ({ entitlementIds: [], credentialIds: [vars.id] }) },
  });
  const live = c.status === "active";
  const nameId = `sv-cred-${c.id}-name`;
  const nhiId = `sv-cred-${c.id}-nhi`;

  return (
    <TR className={live ? undefined : "text-muted-foreground"}>
      <TD>
        <div className="grid gap-1">
          <span id={nameId} className="font-medium">
            {label}
          </span>
          <span className="flex flex-wrap gap-1">
            {c.issuedForTask ? <Badge variant="info">Issued for this task</Badge> : <Badge variant="outline">NHI used only here</Badge>}
            {c.flaggedAt ? (
              <Badge variant="warning" title={c.flagReason ?? undefined}>
                Flagged
              </Badge>
            ) : null}
          </span>
        </div>
      </TD>
      <TD>
        <span id={nhiId}>{nhiName}</span>
      </TD>
      <TD>{humanize(c.kind)}</TD>
      <TD className="whitespace-nowrap tabular-nums" title={`Issued ${formatDateTime(c.issuedAt)}`}>
        {formatAge(c.issuedAt, now)}
      </TD>
      <TD className="whitespace-nowrap">
        <ExpiryBadge at={c.expiresAt} now={now} />
      </TD>
      <TD>
        <RowStatus ref={statusRef}>
          <CredentialStatusBadge status={c.status} />
        </RowStatus>
      </TD>
      <RevokeCell mayRevoke={mayRevoke} live={live} id={`sv-cred-${c.id}`} describedBy={`${nameId} ${nhiId}`} pending={pending} onRevoke={onRevoke} />
    </TR>
  );
}
