import { getDataSet, updateDataSet } from "@/lib/domain/data-sets/manage-data-sets";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { updateDataSetInput } from "@/lib/validation/data-sets";

export const GET = route(
  { path: "/api/v1/data-sets/{id}", summary: "A data set", access: "data_sets.read", tag: "Data sets" },
  ({ actor, params }) => getDataSet(actor, idParam(params)),
);

export const PATCH = route(
  { path: "/api/v1/data-sets/{id}", summary: "Edit a data set", access: "data_sets.write", body: updateDataSetInput, tag: "Data sets" },
  ({ actor, params, body }) => updateDataSet(actor, idParam(params), body),
);
