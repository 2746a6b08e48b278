import type { Metadata } from "next";
import Link from "next/link";
import { Plus, Workflow } from "lucide-react";
import {
  CursorPagination,
  Dash,
  FilterForm,
  InlineAlert,
  OwnerName,
  type SearchParams,
  humanize,
  loadList,
  pickParams,
} from "@/components/lists/list-controls";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
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
        <Field label="Status" htmlFor="workflows-status" error={result.fieldErrors.status} className="w-full sm:w-44">
          <Select name="status" defaultValue={params.status ?? ""}>
            <option value="">Any status</option>
            {workflowStatus.options.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Autonomy" htmlFor="workflows-autonomy" error={result.fieldErrors.autonomy} className="w-full sm:w-40">
          <Select name="autonomy" defaultValue={params.autonomy ?? ""}>
            <option value="">Any autonomy</option>
            {autonomyLevel.options.map((a) => (
              <option key={a} value={a}>
                {humanize(a)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Owner" htmlFor="workflows-owner" error={result.fieldErrors.ownerId} className="w-full sm:w-52">
          <Select name="ownerId" defaultValue={params.ownerId ?? ""}>
            <option value="">Anyone</option>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Vendor-managed" htmlFor="workflows-vendor" error={result.fieldErrors.vendor} className="w-full sm:w-36">
          <Select name="vendor" defaultValue={params.vendor ?? ""}>
            <option value="">Either</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </Select>
        </Field>
        <Field label="Data sensitivity" htmlFor="workflows-sensitivity" error={result.fieldErrors.sensitivity} className="w-full sm:w-44">
          <Select name="sensitivity" defaultValue={params.sensitivity ?? ""}>
            <option value="">Any sensitivity</option>
            {sensitivity.options.map((level) => (
              <option key={level} value={level}>
                {humanize(level)}
              </option>
            ))}
          </Select>
        </Field>
      </FilterForm>

      {!result.ok ? (
        <InlineAlert title="No workflows shown">{result.message}</InlineAlert>
      ) : result.items.length === 0 ? (
        <EmptyState
          icon={Workflow}
          title={filtered ? "No workflows match these filters" : "No workflows declared yet"}
          description={
            filtered
              ? "Try another search term, widen a filter, or clear the filters."
              : mayDeclare
                ? "Declare the first one with New workflow: the business task, the data sets it may touch and its two accountable owners."
                : "A business owner declares each workflow: the business task, its approved data sets and its two accountable owners."
          }
        />
      ) : (
        <>
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
              {result.items.map((w) => (
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
          <CursorPagination
            pathname="/workflows"
            filters={{ ...Object.fromEntries(FILTERS.map((key) => [key, params[key]])), limit: params.limit }}
            cursor={params.cursor}
            history={params.prev}
            nextCursor={result.nextCursor}
          />
        </>
      )}
    </>
  );
}
