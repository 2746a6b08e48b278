import { bindIdentity } from "@/lib/domain/identities/manage-identities";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { bindIdentityInput } from "@/lib/validation/identities";

export const POST = route(
  {
    path: "/api/v1/identities/{id}/bind",
    summary: "Bind the NHI to a workflow it serves (serving several is flagged as reuse)",
    access: "identities.write",
    body: bindIdentityInput,
    tag: "Identities",
  },
  ({ actor, params, body }) => bindIdentity(actor, idParam(params), body.workflowId, body.reason),
);
