import type { Metadata } from "next";
import { FileClock } from "lucide-react";
import { AUDIT_FILTER_KEYS, AuditFilters, type AuditFilterValues, toRfc3339Utc } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { type SearchParams, loadList, pickParams } from "@/components/lists/list-controls";
import { ListResults } from "@/components/lists/list-page";
import { VerifyChainPanel } from "@/components/audit/verify-chain-panel";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import { requirePageActor } from "@/lib/server/page-actor";
import { listAuditQuery } from "@/lib/validation/audit";
import { verifyAuditChainAction } from "./actions";

export const metadata: Metadata = { title: "Audit trail" };

const auditPageQuery = listAuditQuery.refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), {
  path: ["to"],
  message: "must not be before From",
});

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, [...AUDIT_FILTER_KEYS, "cursor", "prev", "limit"]);
  const filters: AuditFilterValues = {};
  for (const key of AUDIT_FILTER_KEYS) filters[key] = params[key];
  const filtered = AUDIT_FILTER_KEYS.some((key) => filters[key]);

  const result = await loadList(
    auditPageQuery,
    { ...params, from: params.from && toRfc3339Utc(params.from), to: params.to && toRfc3339Utc(params.to) },
    (query) => listAuditEvents(actor, query),
  );

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change in Countersign, in the order it happened: who did what to which object, why, and what it looked like before and after. Append-only and hash-chained."
      />
      {can(actor, "audit.verify") ? <VerifyChainPanel verify={verifyAuditChainAction} /> : null}
      <AuditFilters values={filters} errors={result.fieldErrors} />
      <ListResults
        result={result}
        errorTitle="No events shown"
        empty={{
          icon: FileClock,
          title: filtered ? "No events match these filters" : "No audit events yet",
          description: filtered
            ? "Widen the time range or clear a filter. Action matches the start of the name, e.g. entitlement. for every entitlement change."
            : "Every change made in Countersign is recorded here as it happens.",
        }}
        pathname="/audit"
        filters={{ ...filters, limit: params.limit }}
        cursor={params.cursor}
        history={params.prev}
      >
        {(events) => <AuditTable events={events} />}
      </ListResults>
    </>
  );
}
