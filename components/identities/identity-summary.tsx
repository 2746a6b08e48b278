import * as React from "react";
import { TriangleAlert } from "lucide-react";
import { OwnerName, humanize } from "@/components/lists/list-controls";
import { Badge } from "@/components/ui/badge";
import type { IdentityDetail } from "@/lib/domain/identities/get-identity";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { CopyButton } from "./copy-button";
import { ClassificationBadge, NhiStatusBadge, PROVIDER_LABEL } from "./identity-badges";

function Item({ term, children, className }: { term: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium text-muted-foreground">{term}</dt>
      <dd className="mt-1 flex min-h-5 items-center gap-1.5 text-sm">{children}</dd>
    </div>
  );
}

/** Who and what this NHI is, answered at a glance: provider, owner, classification, last use. */
export function IdentitySummary({ identity, now }: { identity: IdentityDetail; now: Date }) {
  return (
    <div className="grid gap-4">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 rounded-lg border border-border bg-card px-5 py-4 sm:grid-cols-4">
        <Item term="Provider">{PROVIDER_LABEL[identity.provider]}</Item>
        <Item term="Kind">{humanize(identity.kind)}</Item>
        <Item term="Environment">
          <Badge variant="outline">{identity.environment}</Badge>
        </Item>
        <Item term="Classification">
          <ClassificationBadge classification={identity.classification} />
        </Item>
        <Item term="Status">
          <NhiStatusBadge status={identity.status} />
        </Item>
        <Item term="Owner">
          <OwnerName owner={identity.owner} />
        </Item>
        <Item term="Last used">
          {identity.lastUsedAt ? (
            <time dateTime={identity.lastUsedAt.toISOString()} title={formatDateTime(identity.lastUsedAt)} className="tabular-nums">
              {formatRelative(identity.lastUsedAt, now)}
            </time>
          ) : (
            <span className="text-muted-foreground">Never</span>
          )}
        </Item>
        <Item term="External id" className="col-span-2 sm:col-span-4">
          <span className="font-mono text-xs break-all">{identity.externalId}</span>
          <CopyButton value={identity.externalId} label="External id" />
        </Item>
        {identity.description ? (
          <Item term="Description" className="col-span-2 sm:col-span-4">
            <span className="whitespace-pre-line">{identity.description}</span>
          </Item>
        ) : null}
      </dl>
      {identity.reused ? (
        <div role="note" className="flex gap-2.5 rounded-lg border border-warning/30 bg-warning/10 px-4 py-3 text-sm">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-warning" />
          <p>
            <span className="font-medium">Serves {identity.workflows.length} workflows</span> — OWASP NHI9: one identity per workflow keeps
            blast radius and revocation precise.
          </p>
        </div>
      ) : null}
    </div>
  );
}
