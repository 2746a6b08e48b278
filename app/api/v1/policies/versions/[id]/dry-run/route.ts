import { dryRunPolicyVersion } from "@/lib/domain/guardrails/dry-run";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { dryRunPolicyVersionInput } from "@/lib/validation/policies";

export const POST = route(
  {
    path: "/api/v1/policies/versions/{id}/dry-run",
    summary: "Re-evaluate the newest stored decisions (limit, default 1000) with this version in place of the active one; lists the decisions that would change. Changes nothing",
    access: "policies.manage",
    body: dryRunPolicyVersionInput,
    tag: "Policies",
  },
  ({ actor, params, body }) => dryRunPolicyVersion(actor, idParam(params), body),
);
