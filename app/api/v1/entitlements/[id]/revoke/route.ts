import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { revokeInput } from "@/lib/validation/credentials";

export const POST = route(
  {
    path: "/api/v1/entitlements/{id}/revoke",
    summary: "Revoke an entitlement and the credentials issued for it, at once; twice is a no-op. Undo within 30 s via /restore",
    access: "access.revoke",
    body: revokeInput,
    tag: "Revocation",
  },
  ({ actor, params, body }) => revokeEntitlement(actor, idParam(params), body.reason),
);
