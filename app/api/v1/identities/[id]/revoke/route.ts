import { revokeIdentity } from "@/lib/domain/revocation/revoke-access";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { revokeInput } from "@/lib/validation/credentials";

export const POST = route(
  { path: "/api/v1/identities/{id}/revoke", summary: "Suspend the NHI and revoke all its entitlements and credentials", access: "access.revoke", body: revokeInput, tag: "Revocation" },
  ({ actor, params, body }) => revokeIdentity(actor, idParam(params), body.reason),
);
