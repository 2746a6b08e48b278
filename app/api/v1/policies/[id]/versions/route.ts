import { createPolicyVersion } from "@/lib/domain/guardrails/manage-policies";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { createPolicyVersionInput } from "@/lib/validation/policies";

export const POST = route(
  {
    path: "/api/v1/policies/{id}/versions",
    summary: "Save a new draft version of a policy (versions are never edited); 422 on source when Cedar refuses it",
    access: "policies.manage",
    body: createPolicyVersionInput,
    status: 201,
    tag: "Policies",
  },
  ({ actor, params, body }) => createPolicyVersion(actor, idParam(params), body),
);
