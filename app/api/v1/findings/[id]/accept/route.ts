import { acceptFindingRisk } from "@/lib/domain/findings/accept-finding-risk";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { acceptFindingInput } from "@/lib/validation/findings";

export const POST = route(
  {
    path: "/api/v1/findings/{id}/accept",
    summary: "Accept a finding's risk with a reason until an expiry (at most a year); the accountable owner or an identity owner",
    access: "findings.accept",
    body: acceptFindingInput,
    tag: "Findings",
  },
  ({ actor, params, body }) => acceptFindingRisk(actor, idParam(params), body),
);
