import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { listDataSets } from "@/lib/domain/data-sets/list-data-sets";
import { listActiveUsersBrief } from "@/lib/domain/users/users";
import { getWorkflow } from "@/lib/domain/workflows/get-workflow";
import { isAppError } from "@/lib/errors";
import { uuid } from "@/lib/validation/common";
import { listDataSetsQuery } from "@/lib/validation/data-sets";
import type { DataSetOption, UserOption } from "./workflow-form-model";

/** A workflow for a page, or the 404 page: an id that is malformed or names nothing is simply not found. */
export async function loadWorkflowOr404(actor: Actor, id: string) {
  if (!uuid.safeParse(id).success) notFound();
  try {
    return await getWorkflow(actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

/** People and data sets for the pickers; a caller who may not list them gets empty pickers, not an error page. */
export async function loadPickerOptions(actor: Actor): Promise<{ users: UserOption[]; dataSets: DataSetOption[] }> {
  const [users, dataSets] = await Promise.all([
    can(actor, "users.read") ? listActiveUsersBrief(actor) : [],
    can(actor, "data_sets.read") ? listDataSets(actor, listDataSetsQuery.parse({ limit: 500 })).then((page) => page.items) : [],
  ]);
  return {
    users,
    dataSets: dataSets.map((d) => ({ id: d.id, name: d.name, system: d.system, sensitivity: d.sensitivity, environment: d.environment })),
  };
}
