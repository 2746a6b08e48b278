import { createDataSet } from "@/lib/domain/data-sets/manage-data-sets";
import { listDataSets } from "@/lib/domain/data-sets/list-data-sets";
import { route } from "@/lib/server/route";
import { createDataSetInput, listDataSetsQuery } from "@/lib/validation/data-sets";

export const GET = route(
  { path: "/api/v1/data-sets", summary: "List data sets", access: "data_sets.read", query: listDataSetsQuery, tag: "Data sets" },
  ({ actor, query }) => listDataSets(actor, query),
);

export const POST = route(
  { path: "/api/v1/data-sets", summary: "Register a data set", access: "data_sets.write", body: createDataSetInput, status: 201, tag: "Data sets" },
  ({ actor, body }) => createDataSet(actor, body),
);
