import type { Metadata } from "next";
import { Database } from "lucide-react";
import { FilterForm, OwnerName, type SearchParams, humanize, loadList, pickParams } from "@/components/lists/list-controls";
import { ListResults, filterChoices, optionsOf } from "@/components/lists/list-page";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { TBody, TCaption, TD, TActionsHead, TH, THead, TR, Table } from "@/components/ui/table";
import { listDataSets } from "@/lib/domain/data-sets/list-data-sets";
import { Plus } from "lucide-react";
import { DataSetDialog } from "@/components/data-sets/data-set-dialog";
import { SensitivityBadge } from "@/components/data-sets/sensitivity-badge";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { listActiveUsersBrief } from "@/lib/domain/users/users";
import { requirePageActor } from "@/lib/server/page-actor";
import { environment, listDataSetsQuery, sensitivity } from "@/lib/validation/data-sets";

export const metadata: Metadata = { title: "Data sets" };

export default async function DataSetsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, ["q", "sensitivity", "environment", "cursor", "prev", "limit"]);
  const result = await loadList(listDataSetsQuery, params, (query) => listDataSets(actor, query));
  const filtered = Boolean(params.q || params.sensitivity || params.environment);
  const mayWrite = can(actor, "data_sets.write");
  const owners = mayWrite ? await listActiveUsersBrief(actor) : [];
  const choice = filterChoices("data-sets", params, result.fieldErrors);

  return (
    <>
      <PageHeader
        title="Data sets"
        description="The data AI workflows may touch, where it lives and how sensitive it is. Sensitivity sets the default review cadence of every grant on it."
        actions={
          mayWrite ? (
            <DataSetDialog
              owners={owners}
              trigger={
                <Button>
                  <Plus aria-hidden className="size-4" /> New data set
                </Button>
              }
            />
          ) : null
        }
      />
      <FilterForm label="Filter data sets" pathname="/data-sets" active={filtered}>
        <Field label="Search" htmlFor="data-sets-q" error={result.fieldErrors.q} className="w-full sm:w-72">
          <Input type="search" name="q" defaultValue={params.q} placeholder="Name or system" />
        </Field>
        {choice("sensitivity", "Sensitivity", "Any sensitivity", optionsOf(sensitivity.options, humanize))}
        {choice("environment", "Environment", "Any environment", optionsOf(environment.options), { width: "sm:w-40" })}
      </FilterForm>

      <ListResults
        result={result}
        errorTitle="No data sets shown"
        empty={{
          icon: Database,
          title: filtered ? "No data sets match these filters" : "No data sets recorded yet",
          description: filtered
            ? "Try another search term or sensitivity."
            : "Data sets are what workflows get approved to read or change; each has a sensitivity and an owner.",
        }}
        pathname="/data-sets"
        filters={{ q: params.q, sensitivity: params.sensitivity, environment: params.environment, limit: params.limit }}
        cursor={params.cursor}
        history={params.prev}
      >
        {(items) => (
          <Table>
            <TCaption className="sr-only">Data sets by name</TCaption>
            <THead>
              <TR>
                <TH scope="col">Name</TH>
                <TH scope="col">System</TH>
                <TH scope="col">Sensitivity</TH>
                <TH scope="col">Environment</TH>
                <TH scope="col">Owner</TH>
                {mayWrite ? <TActionsHead /> : null}
              </TR>
            </THead>
            <TBody>
              {items.map((d) => (
                <TR key={d.id}>
                  <TD>
                    <div className="grid gap-0.5">
                      <span className="font-medium">{d.name}</span>
                      {d.description ? (
                        <span className="line-clamp-1 max-w-md text-xs text-muted-foreground">{d.description}</span>
                      ) : null}
                    </div>
                  </TD>
                  <TD className="whitespace-nowrap">{d.system}</TD>
                  <TD>
                    <SensitivityBadge sensitivity={d.sensitivity} />
                  </TD>
                  <TD>
                    <Badge variant="outline">{d.environment}</Badge>
                  </TD>
                  <TD>
                    <OwnerName owner={d.owner} />
                  </TD>
                  {mayWrite ? (
                    <TD className="text-right">
                      <DataSetDialog
                        owners={owners}
                        initial={{ ...d, ownerId: d.owner?.id ?? null }}
                        trigger={
                          <Button variant="ghost" size="sm" aria-label={`Edit ${d.name}`}>
                            Edit
                          </Button>
                        }
                      />
                    </TD>
                  ) : null}
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </ListResults>
    </>
  );
}
