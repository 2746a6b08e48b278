import { getIdentity } from "@/lib/domain/identities/get-identity";
import { updateIdentity } from "@/lib/domain/identities/manage-identities";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { updateIdentityInput } from "@/lib/validation/identities";

export const GET = route(
  { path: "/api/v1/identities/{id}", summary: "An NHI with its workflows, entitlements, credentials, findings and history", access: "identities.read", tag: "Identities" },
  ({ actor, params }) => getIdentity(actor, idParam(params)),
);

export const PATCH = route(
  { path: "/api/v1/identities/{id}", summary: "Edit an NHI", access: "identities.write", body: updateIdentityInput, tag: "Identities" },
  ({ actor, params, body }) => updateIdentity(actor, idParam(params), body),
);
