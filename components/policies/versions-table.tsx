import Link from "next/link";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { cn, focusRing, formatDateTime } from "@/lib/utils";
import { KindBadge, type PolicyKind, type PolicyStatus, StatusBadge } from "./policy-badges";

export type VersionRow = {
  id: string;
  version: number;
  status: PolicyStatus;
  analysis: { kind: PolicyKind } | null;
  createdBy: { name: string } | null;
  createdAt: Date;
  activatedAt: Date | null;
  archivedAt: Date | null;
};

/** Every version, newest first; the selected one is marked, each links to itself. */
export function VersionsTable({ policyId, versions, selected }: { policyId: string; versions: readonly VersionRow[]; selected: number }) {
  return (
    <Table aria-label="Versions">
      <THead>
        <TR>
          <TH>Version</TH>
          <TH>Status</TH>
          <TH>Evaluated</TH>
          <TH>Saved</TH>
          <TH>Active</TH>
        </TR>
      </THead>
      <TBody>
        {versions.map((v) => (
          <TR key={v.id} data-state={v.version === selected ? "selected" : undefined}>
            <TD>
              <Link
                href={`/policies/${policyId}?version=${v.version}`}
                aria-current={v.version === selected ? "page" : undefined}
                className={cn("rounded-sm font-medium hover:underline", focusRing)}
              >
                v{v.version}
              </Link>
            </TD>
            <TD>
              <StatusBadge status={v.status} />
            </TD>
            <TD>
              <KindBadge kind={v.analysis?.kind ?? null} />
            </TD>
            <TD className="whitespace-nowrap text-muted-foreground">
              {formatDateTime(v.createdAt)}
              {v.createdBy ? ` by ${v.createdBy.name}` : " by the system"}
            </TD>
            <TD className="whitespace-nowrap text-muted-foreground">
              {v.activatedAt ? `${formatDateTime(v.activatedAt)} – ${v.archivedAt ? formatDateTime(v.archivedAt) : "now"}` : "never"}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
