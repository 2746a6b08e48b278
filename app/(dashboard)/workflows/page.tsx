import type { Metadata } from "next";
import Link from "next/link";
import { Plus, Workflow } from "lucide-react";
import { Dash, FilterForm, OwnerName, type SearchParams, humanize, loadList, pickParams } from "@/components/lists/list-controls";
import { ListResults, filterChoices, optionsOf } from "@/components/lists/list-page";
import { buttonVariants } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { AutonomyBadge, StatusBadge } from "@/components/workflows/workflow-badges";
import { can } from "@/lib/auth/permissions";
import { hasRole } from "@/lib/domain/actor";
import { listActiveUsersBrief } from "@/lib/domain/users/users";
import { listWorkflows } from "@/lib/domain/workflows/list-workflows";
import { requirePageActor } from "@/lib/server/page-actor";
import { cn, focusRing } from "@/lib/utils";
import { sensitivity } from "@/lib/validation/data-sets";
import { autonomyLevel, listWorkflowsQuery, workflowStatus } from "@/lib/validation/workflows";

export const metadata: Metadata = { title: "Workflows" };

const FILTERS = ["q", "status", "autonomy", "ownerId", "vendor", "sensitivity"] as const;

const VENDOR_OPTIONS = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

// Named as a button because it starts a task (declaring a workflow), though it navigates like a link.
function NewWorkflowLink() {
  return (
    <Link href="/workflows/new" role="button" className={buttonVariants()}>
      <Plus aria-hidden="true" />
      New workflow
    </Link>
  );
}

export default async function WorkflowsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, [...FILTERS, "cursor", "prev", "limit"]);
  const [result, people] = await Promise.all([
    loadList(listWorkflowsQuery, params, (query) => listWorkflows(actor, query)),
    can(actor, "users.read") ? listActiveUsersBrief(actor) : [],
  ]);
  const filtered = FILTERS.some((key) => Boolean(params[key]));
  const mayDeclare = hasRole(actor, "business_owner") && can(actor, "workflows.write");
  const choice = filterChoices("workflows", params, result.fieldErrors);

  return (
    <>
      <PageHeader
        title="Workflows"
        description="The business tasks AI workflows perform. Each names the purpose that justifies access, one business owner and one identity owner."
        actions={mayDeclare ? <NewWorkflowLink /> : null}
      />
      <FilterForm label="Filter workflows" pathname="/workflows" active={filtered}>
        <Field label="Search" htmlFor="workflows-q" error={result.fieldErrors.q} className="w-full sm:w-72">
          <Input type="search" name="q" defaultValue={params.q} placeholder="Name, vendor or purpose" />
        </Field>
        {choice("status", "Status", "Any status", optionsOf(workflowStatus.options, humanize))}
        {choice("autonomy", "Autonomy", "Any autonomy", optionsOf(autonomyLevel.options, humanize), { width: "sm:w-40" })}
        {choice("ownerId", "Owner", "Anyone", people.map((u) => ({ value: u.id, label: u.name })), { id: "owner", width: "sm:w-52" })}
        {choice("vendor", "Vendor-managed", "Either", VENDOR_OPTIONS, { width: "sm:w-36" })}
        {choice("sensitivity", "Data sensitivity", "Any sensitivity", optionsOf(sensitivity.options, humanize))}
      </FilterForm>

      <ListResults
        result={result}
        errorTitle="No workflows shown"
        empty={{
          icon: Workflow,
          title: filtered ? "No workflows match these filters" : "No workflows declared yet",
          description: filtered
            ? "Try another search term, widen a filter, or clear the filters."
            : mayDeclare
              ? "Declare the first one with New workflow: the business task, the data sets it may touch and its two accountable owners."
              : "A business owner declares each workflow: the business task, its approved data sets and its two accountable owners.",
        }}
        pathname="/workflows"
        filters={{ ...Object.fromEntries(FILTERS.map((key) => [key, params[key]])), limit: params.limit }}
        cursor={params.cursor}
        history={params.prev}
      >
        {(items) => (
          <Table>
            <TCaption className="sr-only">Workflows by name</TCaption>
            <THead>
              <TR>
                <TH scope="col">Name</TH>
                <TH scope="col">Autonomy</TH>
                <TH scope="col">Status</TH>
                <TH scope="col">Business owner</TH>
                <TH scope="col">Identity owner</TH>
                <TH scope="col">Vendor</TH>
                <TH scope="col" className="text-right">
                  Approved data sets
                </TH>
                <TH scope="col" className="text-right">
                  NHIs
                </TH>
              </TR>
            </THead>
            <TBody>
              {items.map((w) => (
                <TR key={w.id}>
                  <TD className="font-medium">
                    <Link href={`/workflows/${w.id}`} className={cn("rounded-sm text-primary underline-offset-4 hover:underline", focusRing)}>
                      {w.name}
                    </Link>
                  </TD>
                  <TD>
                    <AutonomyBadge autonomy={w.autonomy} />
                  </TD>
                  <TD>
                    <StatusBadge status={w.status} />
                  </TD>
                  <TD>
                    <OwnerName owner={w.businessOwner} />
                  </TD>
                  <TD>
                    <OwnerName owner={w.identityOwner} />
                  </TD>
                  <TD className="whitespace-nowrap">{w.vendor ?? <Dash label="No vendor" />}</TD>
                  <TD className="text-right tabular-nums">{w.approvedDataSets}</TD>
                  <TD className="text-right tabular-nums">{w.identities}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </ListResults>
    </>
  );
}
