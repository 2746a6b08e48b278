import * as React from "react";
import { Dash, humanize } from "@/components/lists/list-controls";
import { Badge } from "@/components/ui/badge";
import { TBody, TCaption, TD, TActionsHead, TH, THead, TR, Table } from "@/components/ui/table";
import type { presentCredential } from "@/lib/domain/credentials/manage-credentials";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { CredentialStatusBadge } from "./identity-badges";
import { IdentitySection } from "./identity-section";
import { RegisterCredentialDialog } from "./register-credential-dialog";
import { RevokeCredentialDialog } from "./revoke-credential-dialog";
import { RotateCredentialDialog } from "./rotate-credential-dialog";

type Credential = ReturnType<typeof presentCredential>;

const DAY_MS = 86_400_000;
const EXPIRY_WARNING_DAYS = 14;

export type IdentityCredentialsProps = {
  nhi: { id: string; name: string };
  credentials: Credential[];
  /** Labels of this NHI's pending and active entitlements, by id. */
  entitlements: { id: string; label: string }[];
  may: { write: boolean; revoke: boolean };
  now: Date;
};

/** The Credentials question: which secrets exist for this identity, and when do they expire? */
export function IdentityCredentials({ nhi, credentials, entitlements, may, now }: IdentityCredentialsProps) {
  const scopeLabel = new Map(entitlements.map((e) => [e.id, e.label]));
  const withActions = may.write || may.revoke;
  return (
    <IdentitySection
      id="nhi-credentials"
      title="Credentials"
      description="Metadata only: the secrets themselves are never stored. Short-lived, task-scoped credentials keep revocation precise."
      actions={may.write ? <RegisterCredentialDialog nhi={nhi} entitlements={entitlements} /> : null}
    >
      {credentials.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-3 py-3 text-sm text-muted-foreground">
          No credentials registered.{" "}
          {may.write
            ? "Register the keys, secrets and certificates this identity uses so their expiry and rotation are tracked."
            : "An identity owner registers the keys, secrets and certificates this identity uses."}
        </p>
      ) : (
        <Table>
          <TCaption className="sr-only">Credentials of {nhi.name}, newest first</TCaption>
          <THead>
            <TR>
              <TH scope="col">Name</TH>
              <TH scope="col">Kind</TH>
              <TH scope="col">Fingerprint</TH>
              <TH scope="col">Location</TH>
              <TH scope="col">Issued</TH>
              <TH scope="col">Expires</TH>
              <TH scope="col">Rotation</TH>
              <TH scope="col">Status</TH>
              {withActions ? <TActionsHead /> : null}
            </TR>
          </THead>
          <TBody>
            {credentials.map((c) => {
              const active = c.status === "active";
              const nameId = `credential-${c.id}-name`;
              const label = c.name || humanize(c.kind);
              const scope = c.entitlementId ? scopeLabel.get(c.entitlementId) : undefined;
              const material = c.fingerprint ?? c.jti;
              return (
                <TR key={c.id} className={active ? undefined : "text-muted-foreground"}>
                  <TD>
                    <div className="grid gap-0.5">
                      <span id={nameId} className="font-medium">
                        {label}
                      </span>
                      {c.entitlementId ? <span className="text-xs text-muted-foreground">Only for {scope ?? "one entitlement"}</span> : null}
                    </div>
                  </TD>
                  <TD className="whitespace-nowrap">{humanize(c.kind)}</TD>
                  <TD>
                    {material ? (
                      <span className="inline-block max-w-[11rem] truncate align-middle font-mono text-xs" title={material}>
                        {material}
                      </span>
                    ) : (
                      <Dash label="No fingerprint" />
                    )}
                  </TD>
                  <TD>
                    {c.location ? (
                      <span className="inline-block max-w-[12rem] truncate align-middle font-mono text-xs" title={c.location}>
                        {c.location}
                      </span>
                    ) : (
                      <Dash label="Not recorded" />
                    )}
                  </TD>
                  <TD className="whitespace-nowrap tabular-nums">
                    <time dateTime={c.issuedAt.toISOString()} title={`Issued ${formatDateTime(c.issuedAt)}`}>
                      {c.ageDays} d
                    </time>
                  </TD>
                  <TD className="whitespace-nowrap">
                    <Expiry credential={c} now={now} />
                  </TD>
                  <TD className="whitespace-nowrap">
                    <Rotation credential={c} now={now} />
                  </TD>
                  <TD>
                    <div className="grid justify-items-start gap-1">
                      <CredentialStatusBadge status={c.status} />
                      {active && c.flaggedAt ? (
                        <span className="max-w-[14rem] text-xs text-warning">Flagged: {c.flagReason ?? "needs attention"}</span>
                      ) : null}
                    </div>
                  </TD>
                  {withActions ? (
                    <TD className="text-right whitespace-nowrap">
                      {active && may.write && c.kind !== "jit_token" ? (
                        <RotateCredentialDialog credential={{ id: c.id, name: label }} describedBy={nameId} />
                      ) : null}
                      {active && may.revoke ? <RevokeCredentialDialog credential={{ id: c.id, name: label }} describedBy={nameId} /> : null}
                    </TD>
                  ) : null}
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </IdentitySection>
  );
}

function Expiry({ credential: c, now }: { credential: Credential; now: Date }) {
  if (!c.expiresAt) {
    return c.status === "active" ? (
      <Badge variant="warning" title="No expiry: a long-lived secret (OWASP NHI7)">
        Never
      </Badge>
    ) : (
      <span>Never</span>
    );
  }
  const when = (
    <time dateTime={c.expiresAt.toISOString()} title={formatDateTime(c.expiresAt)}>
      {formatRelative(c.expiresAt, now)}
    </time>
  );
  if (c.status !== "active") return when;
  if (c.expired) return <Badge variant="danger">Expired {when}</Badge>;
  if (c.expiresInDays !== null && c.expiresInDays <= EXPIRY_WARNING_DAYS) return <Badge variant="warning">{when}</Badge>;
  return when;
}

function Rotation({ credential: c, now }: { credential: Credential; now: Date }) {
  if (!c.rotationPeriodDays) return <Dash label="No rotation period" />;
  const since = c.lastRotatedAt ?? c.issuedAt;
  const due = new Date(since.getTime() + c.rotationPeriodDays * DAY_MS);
  const overdue = c.status === "active" && due < now;
  return (
    <span className="flex items-center gap-1.5">
      <span className="tabular-nums">every {c.rotationPeriodDays} d</span>
      {overdue ? (
        <Badge variant="danger" title={`Rotation was due ${formatDateTime(due)}`}>
          Overdue
        </Badge>
      ) : null}
    </span>
  );
}
