import { getPolicy } from "@/lib/domain/guardrails/list-policies";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";

export const GET = route(
  { path: "/api/v1/policies/{id}", summary: "A guardrail policy with every version, newest first", access: "policies.read", tag: "Policies" },
  ({ actor, params }) => getPolicy(actor, idParam(params)),
);
