import type { Metadata } from "next";
import { toRfc3339Utc } from "@/components/audit/audit-filters";
import { DECISION_FILTER_KEYS, DecisionFilters, type DecisionFilterValues } from "@/components/decisions/decision-filters";
import { DecisionsEmptyState } from "@/components/decisions/decisions-empty-state";
import { DecisionsTable } from "@/components/decisions/decisions-table";
import { CursorPagination, InlineAlert, type SearchParams, loadList, pickParams } from "@/components/lists/list-controls";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { listDataSets } from "@/lib/domain/data-sets/list-data-sets";
import { listDecisions } from "@/lib/domain/runtime/list-decisions";
import { appUrl } from "@/lib/env";
import { requirePageActor } from "@/lib/server/page-actor";
import { listDataSetsQuery } from "@/lib/validation/data-sets";
import { listDecisionsQuery } from "@/lib/validation/decisions";

export const metadata: Metadata = { title: "Decisions" };

const decisionsPageQuery = listDecisionsQuery.refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), {
  path: ["to"],
  message: "must not be before From",
});

export default async function DecisionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, [...DECISION_FILTER_KEYS, "cursor", "prev", "limit"]);
  const filters: DecisionFilterValues = {};
  for (const key of DECISION_FILTER_KEYS) filters[key] = params[key];
  const filtered = DECISION_FILTER_KEYS.some((key) => filters[key]);

  const [result, dataSetPage] = await Promise.all([
    loadList(
      decisionsPageQuery,
      { ...params, from: params.from && toRfc3339Utc(params.from), to: params.to && toRfc3339Utc(params.to) },
      (query) => listDecisions(actor, query),
    ),
    can(actor, "data_sets.read") ? listDataSets(actor, listDataSetsQuery.parse({ limit: 500 })) : { items: [] },
  ]);

  return (
    <>
      <PageHeader
        title="Decisions"
        description="Every runtime authorization decision: which identity asked to do what on which data set, for which workflow, and whether it was allowed and why."
      />
      <DecisionFilters values={filters} errors={result.fieldErrors} dataSets={dataSetPage.items.map((d) => ({ id: d.id, name: d.name }))} />
      {!result.ok ? (
        <InlineAlert title="No decisions shown">{result.message}</InlineAlert>
      ) : result.items.length === 0 ? (
        <DecisionsEmptyState filtered={filtered} baseUrl={appUrl()} mayManageKeys={can(actor, "api_keys.manage")} />
      ) : (
        <>
          <DecisionsTable items={result.items} />
          <CursorPagination
            pathname="/decisions"
            filters={{ ...filters, limit: params.limit }}
            cursor={params.cursor}
            history={params.prev}
            nextCursor={result.nextCursor}
          />
        </>
      )}
    </>
  );
}
