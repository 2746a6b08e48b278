import { suspendWorkflow } from "@/lib/domain/workflows/lifecycle";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { lifecycleInput } from "@/lib/validation/workflows";

export const POST = route(
  {
    path: "/api/v1/workflows/{id}/suspend",
    summary: "Suspend an active workflow: runtime decisions deny, nothing is deleted",
    access: "workflows.lifecycle",
    body: lifecycleInput,
    tag: "Workflows",
  },
  ({ actor, params, body }) => suspendWorkflow(actor, idParam(params), body.reason),
);
