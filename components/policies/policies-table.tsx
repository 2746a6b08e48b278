import Link from "next/link";
import { Dash } from "@/components/lists/list-controls";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { cn, focusRing, formatDateTime, formatRelative } from "@/lib/utils";
import { KindBadge, type PolicyKind, type PolicyStatus, StatusBadge } from "./policy-badges";

export type PolicyRow = {
  id: string;
  name: string;
  description: string;
  latestVersion: number;
  latestStatus: PolicyStatus;
  activeVersion: { version: number; activatedAt: Date | null } | null;
  kind: PolicyKind | null;
  updatedAt: Date;
};

export function PoliciesTable({ policies }: { policies: readonly PolicyRow[] }) {
  const now = new Date();
  return (
    <Table aria-label="Guardrail policies">
      <THead>
        <TR>
          <TH>Policy</TH>
          <TH>Active version</TH>
          <TH>Evaluated</TH>
          <TH>Latest version</TH>
          <TH>Last saved</TH>
        </TR>
      </THead>
      <TBody>
        {policies.map((p) => (
          <TR key={p.id}>
            <TD className="max-w-xl">
              <Link href={`/policies/${p.id}`} className={cn("rounded-sm font-mono text-[13px] font-medium hover:underline", focusRing)}>
                {p.name}
              </Link>
              {p.description ? <p className="mt-0.5 line-clamp-2 text-xs text-muted-foreground">{p.description}</p> : null}
            </TD>
            <TD className="whitespace-nowrap">
              {p.activeVersion ? (
                <span title={p.activeVersion.activatedAt ? `Active since ${formatDateTime(p.activeVersion.activatedAt)}` : undefined}>
                  v{p.activeVersion.version}
                </span>
              ) : (
                <span className="text-muted-foreground">None: not applied</span>
              )}
            </TD>
            <TD>
              <KindBadge kind={p.kind} />
            </TD>
            <TD className="whitespace-nowrap">
              {p.latestVersion === p.activeVersion?.version ? (
                <Dash label="same as active" />
              ) : (
                <span className="inline-flex items-center gap-1.5">
                  v{p.latestVersion} <StatusBadge status={p.latestStatus} />
                </span>
              )}
            </TD>
            <TD className="whitespace-nowrap text-muted-foreground">
              <time dateTime={p.updatedAt.toISOString()} title={formatDateTime(p.updatedAt)}>
                {formatRelative(p.updatedAt, now)}
              </time>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
