import { revokeCredential } from "@/lib/domain/credentials/manage-credentials";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { revokeInput } from "@/lib/validation/credentials";

export const POST = route(
  { path: "/api/v1/credentials/{id}/revoke", summary: "Revoke a credential at once (twice is a no-op)", access: "access.revoke", body: revokeInput, tag: "Credentials" },
  ({ actor, params, body }) => revokeCredential(actor, idParam(params), body.reason),
);
