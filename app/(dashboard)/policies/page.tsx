import type { Metadata } from "next";
import Link from "next/link";
import { Plus, ScrollText } from "lucide-react";
import { CursorPagination, InlineAlert, type SearchParams, loadList, pickParams } from "@/components/lists/list-controls";
import { PoliciesTable } from "@/components/policies/policies-table";
import { SchemaReference } from "@/components/policies/schema-reference";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { listPolicies } from "@/lib/domain/guardrails/list-policies";
import { GUARDRAIL_SCHEMA } from "@/lib/domain/guardrails/schema";
import { requirePageActor } from "@/lib/server/page-actor";
import { listPoliciesQuery } from "@/lib/validation/policies";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, ["cursor", "prev", "limit"]);
  const result = await loadList(listPoliciesQuery, params, (query) => listPolicies(actor, query));
  const mayManage = can(actor, "policies.manage");

  return (
    <>
      <PageHeader
        title="Policies"
        description="Versioned Cedar guardrails applied after the entitlement check: a decision is denied if any active policy forbids it. Each version is validated on save and can be replayed against recent decisions before it is activated."
        actions={
          mayManage ? (
            <Link href="/policies/new" className={buttonVariants()}>
              <Plus aria-hidden="true" />
              New policy
            </Link>
          ) : null
        }
      />
      <div className="grid gap-4">
        {!result.ok ? (
          <InlineAlert title="No policies shown">{result.message}</InlineAlert>
        ) : result.items.length === 0 ? (
          <EmptyState
            icon={ScrollText}
            title="No policies yet"
            description={mayManage ? "Write one to forbid access that an entitlement would otherwise allow." : "An identity owner writes and activates policies."}
          />
        ) : (
          <>
            <PoliciesTable policies={result.items} />
            <CursorPagination pathname="/policies" filters={{ limit: params.limit }} cursor={params.cursor} history={params.prev} nextCursor={result.nextCursor} />
          </>
        )}
        <SchemaReference schema={GUARDRAIL_SCHEMA} />
      </div>
    </>
  );
}
