import { getWorkflow } from "@/lib/domain/workflows/get-workflow";
import { updateWorkflow } from "@/lib/domain/workflows/update-workflow";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { updateWorkflowInput } from "@/lib/validation/workflows";

export const GET = route(
  { path: "/api/v1/workflows/{id}", summary: "A workflow: purpose, owners, approved data sets, escalation, exceptions", access: "workflows.read", tag: "Workflows" },
  ({ actor, params }) => getWorkflow(actor, idParam(params)),
);

export const PATCH = route(
  {
    path: "/api/v1/workflows/{id}",
    summary: "Edit a workflow; the answer includes the impact (narrowed, widened, autonomy posture)",
    access: "workflows.write",
    body: updateWorkflowInput,
    tag: "Workflows",
  },
  async ({ actor, params, body }) => {
    const id = idParam(params);
    const { impact } = await updateWorkflow(actor, id, body);
    return { ...(await getWorkflow(actor, id)), impact };
  },
);
