import type { Metadata } from "next";
import { Workflow } from "lucide-react";
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
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { type WorkflowListItem, listWorkflows } from "@/lib/domain/workflows/list-workflows";
import { requirePageActor } from "@/lib/server/page-actor";
import { listWorkflowsQuery, workflowStatus } from "@/lib/validation/workflows";

export const metadata: Metadata = { title: "Workflows" };

const STATUS_VARIANT: Record<WorkflowListItem["status"], BadgeVariant> = {
  draft: "neutral",
  active: "success",
  suspended: "warning",
  retired: "outline",
};

// More autonomy means fewer humans between the identity and the data.
const AUTONOMY_VARIANT: Record<WorkflowListItem["autonomy"], BadgeVariant> = {
  assistive: "neutral",
  automated: "info",
  autonomous: "warning",
};

export default async function WorkflowsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, ["q", "status", "cursor", "prev", "limit"]);
  const result = await loadList(listWorkflowsQuery, params, (query) => listWorkflows(actor, query));
  const filtered = Boolean(params.q || params.status);

  return (
    <>
      <PageHeader
        title="Workflows"
        description="The business tasks AI workflows perform. Each names the purpose that justifies access, one business owner and one identity owner."
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
      </FilterForm>

      {!result.ok ? (
        <InlineAlert title="No workflows shown">{result.message}</InlineAlert>
      ) : result.items.length === 0 ? (
        <EmptyState
          icon={Workflow}
          title={filtered ? "No workflows match these filters" : "No workflows declared yet"}
          description={
            filtered
              ? "Try another search term or status."
              : "A workflow records the business task, its approved data sets and its two accountable owners."
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
                  <TD className="font-medium">{w.name}</TD>
                  <TD>
                    <Badge variant={AUTONOMY_VARIANT[w.autonomy]}>{humanize(w.autonomy)}</Badge>
                  </TD>
                  <TD>
                    <Badge variant={STATUS_VARIANT[w.status]}>{humanize(w.status)}</Badge>
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
            filters={{ q: params.q, status: params.status, limit: params.limit }}
            cursor={params.cursor}
            history={params.prev}
            nextCursor={result.nextCursor}
          />
        </>
      )}
    </>
  );
}
