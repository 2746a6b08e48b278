import { revokeAllForWorkflow } from "@/lib/domain/revocation/revoke-access";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { revokeInput } from "@/lib/validation/credentials";

export const POST = route(
  { path: "/api/v1/workflows/{id}/revoke-all", summary: "Kill switch: revoke every entitlement and credential of the workflow", access: "access.revoke", body: revokeInput, tag: "Revocation" },
  ({ actor, params, body }) => revokeAllForWorkflow(actor, idParam(params), body.reason),
);
