import { updateWorkflow } from "@/lib/domain/workflows/update-workflow";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { updateWorkflowInput } from "@/lib/validation/workflows";

export const POST = route(
  {
    path: "/api/v1/workflows/{id}/impact",
    summary: "Preview what a PATCH would do (entitlements now exceeding, widening, autonomy posture) without changing anything",
    access: "workflows.write",
    body: updateWorkflowInput,
    tag: "Workflows",
  },
  async ({ actor, params, body }) => (await updateWorkflow(actor, idParam(params), body, { dryRun: true })).impact,
);
