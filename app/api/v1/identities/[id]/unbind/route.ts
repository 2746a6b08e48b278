import { unbindIdentity } from "@/lib/domain/identities/manage-identities";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { bindIdentityInput } from "@/lib/validation/identities";

export const POST = route(
  {
    path: "/api/v1/identities/{id}/unbind",
    summary: "Remove the binding between the NHI and a workflow",
    access: "identities.write",
    body: bindIdentityInput,
    tag: "Identities",
  },
  ({ actor, params, body }) => unbindIdentity(actor, idParam(params), body.workflowId, body.reason),
);
