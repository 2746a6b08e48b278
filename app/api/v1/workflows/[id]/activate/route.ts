import { activateWorkflow } from "@/lib/domain/workflows/lifecycle";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { lifecycleInput } from "@/lib/validation/workflows";

export const POST = route(
  {
    path: "/api/v1/workflows/{id}/activate",
    summary: "Activate a draft or suspended workflow (needs both owners, a purpose and an approved data set)",
    access: "workflows.lifecycle",
    body: lifecycleInput,
    tag: "Workflows",
  },
  ({ actor, params, body }) => activateWorkflow(actor, idParam(params), body.reason),
);
