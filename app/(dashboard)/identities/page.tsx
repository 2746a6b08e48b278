import type { Metadata } from "next";
import { FingerprintPattern, Plus } from "lucide-react";
import { IdentitiesTable } from "@/components/identities/identities-table";
import { IdentityDialog } from "@/components/identities/identity-dialog";
import { IDENTITY_FILTER_KEYS, IdentityFilters } from "@/components/identities/identity-filters";
import { type SearchParams, loadList, pickParams } from "@/components/lists/list-controls";
import { ListResults } from "@/components/lists/list-page";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { listIdentities } from "@/lib/domain/identities/list-identities";
import { listActiveUsersBrief } from "@/lib/domain/users/users";
import { listWorkflows } from "@/lib/domain/workflows/list-workflows";
import { requirePageActor } from "@/lib/server/page-actor";
import { listIdentitiesQuery } from "@/lib/validation/identities";
import { listWorkflowsQuery } from "@/lib/validation/workflows";

export const metadata: Metadata = { title: "Identities" };

export default async function IdentitiesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, [...IDENTITY_FILTER_KEYS, "cursor", "prev", "limit"]);
  const [result, owners, workflowPage] = await Promise.all([
    loadList(listIdentitiesQuery, params, (query) => listIdentities(actor, query)),
    can(actor, "users.read") ? listActiveUsersBrief(actor) : [],
    can(actor, "workflows.read") ? listWorkflows(actor, listWorkflowsQuery.parse({ limit: 500 })) : { items: [] },
  ]);
  const filtered = IDENTITY_FILTER_KEYS.some((key) => Boolean(params[key]));
  const workflows = workflowPage.items.map((w) => ({ id: w.id, name: w.name, status: w.status }));
  const mayWrite = can(actor, "identities.write");
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Identities"
        description="The non-human identities (service accounts, API keys, OAuth clients, agents) that workflows run as, with their owner and how recently they were used."
        actions={
          mayWrite ? (
            <IdentityDialog
              owners={owners}
              workflows={workflows.filter((w) => w.status !== "retired")}
              trigger={
                <Button>
                  <Plus aria-hidden="true" /> New NHI
                </Button>
              }
            />
          ) : null
        }
      />
      <IdentityFilters params={params} fieldErrors={result.fieldErrors} owners={owners} workflows={workflows} />

      <ListResults
        result={result}
        errorTitle="No identities shown"
        empty={{
          icon: FingerprintPattern,
          title: filtered ? "No identities match these filters" : "No identities recorded yet",
          description: filtered
            ? "Loosen a filter or clear them all to see the whole inventory."
            : mayWrite
              ? "Register an NHI with New NHI, or import service accounts from a cloud provider on the Import page."
              : "Identities appear here once an identity owner registers or imports them.",
        }}
        pathname="/identities"
        filters={{ ...Object.fromEntries(IDENTITY_FILTER_KEYS.map((key) => [key, params[key]])), limit: params.limit }}
        cursor={params.cursor}
        history={params.prev}
      >
        {(items) => <IdentitiesTable items={items} now={now} />}
      </ListResults>
    </>
  );
}
