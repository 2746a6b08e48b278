import { transferWorkflowOwnership } from "@/lib/domain/workflows/transfer-ownership";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { transferOwnershipInput } from "@/lib/validation/workflows";

export const POST = route(
  {
    path: "/api/v1/workflows/{id}/transfer",
    summary: "Transfer the business or identity ownership of a workflow (audited)",
    access: "workflows.transfer",
    body: transferOwnershipInput,
    tag: "Workflows",
  },
  ({ actor, params, body }) => transferWorkflowOwnership(actor, idParam(params), body),
);
