import { listPolicies } from "@/lib/domain/guardrails/list-policies";
import { createPolicy } from "@/lib/domain/guardrails/manage-policies";
import { route } from "@/lib/server/route";
import { createPolicyInput, listPoliciesQuery } from "@/lib/validation/policies";

export const GET = route(
  { path: "/api/v1/policies", summary: "Guardrail policies (Cedar) with their active version", access: "policies.read", query: listPoliciesQuery, tag: "Policies" },
  ({ actor, query }) => listPolicies(actor, query),
);

export const POST = route(
  {
    path: "/api/v1/policies",
    summary: "Create a guardrail policy; version 1 is a draft. The source is validated against the Cedar schema (422 on source)",
    access: "policies.manage",
    body: createPolicyInput,
    status: 201,
    tag: "Policies",
  },
  ({ actor, body }) => createPolicy(actor, body),
);
