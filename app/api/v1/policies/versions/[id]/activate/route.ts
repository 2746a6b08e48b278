import { activatePolicyVersion } from "@/lib/domain/guardrails/manage-policies";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { activatePolicyVersionInput } from "@/lib/validation/policies";

export const POST = route(
  {
    path: "/api/v1/policies/versions/{id}/activate",
    summary: "Activate a policy version: archives the policy's previous active version and recomputes stored verdicts in the same transaction",
    access: "policies.manage",
    body: activatePolicyVersionInput,
    tag: "Policies",
  },
  ({ actor, params, body }) => activatePolicyVersion(actor, idParam(params), body),
);
