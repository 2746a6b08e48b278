import type { Metadata } from "next";
import { TriangleExclamationPoint } from "lucide-react";
import { FINDING_FILTER_KEYS, FindingFilters } from "@/components/findings/finding-filters";
import { FindingsTable } from "@/components/findings/findings-table";
import { type SearchParams, loadList, pickParams } from "@/components/lists/list-controls";
import { ListResults } from "@/components/lists/list-page";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { hasRole } from "@/lib/domain/actor";
import { FRAMEWORK_ITEMS } from "@/lib/domain/findings/frameworks";
import { listFindingOwners, listFindings } from "@/lib/domain/findings/list-findings";
import { listRules } from "@/lib/domain/findings/list-frameworks";
import { requirePageActor } from "@/lib/server/page-actor";
import { listFindingsQuery } from "@/lib/validation/findings";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, [...FINDING_FILTER_KEYS, "cursor", "prev", "limit"]);
  // Without a status in the URL the page shows what needs doing: open findings.
  const query = { ...params, status: params.status ?? "open" };
  const [result, owners] = await Promise.all([
    loadList(listFindingsQuery, query, (q) => listFindings(actor, q)),
    listFindingOwners(actor),
  ]);
  const rules = listRules();
  const filtered = FINDING_FILTER_KEYS.some((key) => Boolean(params[key]) && !(key === "status" && params[key] === "open"));
  const mayAcceptAny = can(actor, "findings.accept");
  const identityOwner = hasRole(actor, "identity_owner");
  const showing = query.status === "all" ? "" : query.status;

  return (
    <>
      <PageHeader
        title="Findings"
        description="Risks the rules raise from the inventory, each with one accountable owner, its fix, and the OWASP NHI, OWASP Agentic and NIST AI RMF items it maps to. Findings resolve on their own when the condition clears."
      />
      <FindingFilters
        params={params}
        fieldErrors={result.fieldErrors}
        rules={rules.map((r) => ({ value: r.id, label: r.title }))}
        frameworks={FRAMEWORK_ITEMS.map((i) => ({ value: i.id, label: `${i.code} ${i.title}` }))}
        owners={owners.map((o) => ({ value: o.id, label: o.active ? o.name : `${o.name} (deactivated)` }))}
      />
      <ListResults
        result={result}
        errorTitle="No findings shown"
        empty={{
          icon: TriangleExclamationPoint,
          title: filtered ? `No ${showing} findings match these filters` : `No ${showing} findings`,
          description: filtered
            ? "Loosen a filter or clear them all. Resolved findings stay on record: choose Resolved under Status to see them."
            : "Nothing the rules check is at risk right now. Rules run every 15 minutes and after changes; resolved and accepted findings are under Status.",
        }}
        pathname="/findings"
        filters={{ ...Object.fromEntries(FINDING_FILTER_KEYS.map((key) => [key, params[key]])), limit: params.limit }}
        cursor={params.cursor}
        history={params.prev}
      >
        {(items) => (
          <FindingsTable
            items={items}
            now={new Date()}
            mayAccept={(f) => mayAcceptAny && (identityOwner || (f.ownerId !== null && f.ownerId === actor.userId))}
          />
        )}
      </ListResults>
    </>
  );
}
