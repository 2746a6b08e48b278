import * as React from "react";
import Link from "next/link";
import { OwnerName, humanize } from "@/components/lists/list-controls";
import { Badge } from "@/components/ui/badge";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { IdentityListItem } from "@/lib/domain/identities/list-identities";
import { When } from "@/components/ui/when";
import { ClassificationBadge, NhiStatusBadge, PROVIDER_LABEL, ReusedBadge } from "./identity-badges";

export function IdentitiesTable({ items, now }: { items: IdentityListItem[]; now: Date }) {
  return (
    <Table>
      <TCaption className="sr-only">Non-human identities by name</TCaption>
      <THead>
        <TR>
          <TH scope="col">Name</TH>
          <TH scope="col">Provider</TH>
          <TH scope="col">Kind</TH>
          <TH scope="col">Environment</TH>
          <TH scope="col">Classification</TH>
          <TH scope="col">Status</TH>
          <TH scope="col">Owner</TH>
          <TH scope="col">Last used</TH>
          <TH scope="col" className="text-right">
            Workflows
          </TH>
        </TR>
      </THead>
      <TBody>
        {items.map((n) => (
          <TR key={n.id}>
            <TD>
              <div className="grid gap-0.5">
                <Link href={`/identities/${n.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                  {n.name}
                </Link>
                <span className="max-w-[18rem] truncate font-mono text-xs text-muted-foreground" title={n.externalId}>
                  {n.externalId}
                </span>
              </div>
            </TD>
            <TD className="whitespace-nowrap">{PROVIDER_LABEL[n.provider]}</TD>
            <TD className="whitespace-nowrap">{humanize(n.kind)}</TD>
            <TD>
              <Badge variant="outline">{n.environment}</Badge>
            </TD>
            <TD>
              <ClassificationBadge classification={n.classification} />
            </TD>
            <TD>
              <NhiStatusBadge status={n.status} />
            </TD>
            <TD>
              <OwnerName owner={n.owner} />
            </TD>
            <TD className="whitespace-nowrap tabular-nums">
              <When value={n.lastUsedAt} now={now} relative />
            </TD>
            <TD className="text-right">
              <span className="inline-flex items-center justify-end gap-1.5">
                {n.workflows > 1 ? <ReusedBadge /> : null}
                <span className="tabular-nums">{n.workflows}</span>
              </span>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
