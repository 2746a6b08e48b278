import { listIdentities } from "@/lib/domain/identities/list-identities";
import { createIdentity } from "@/lib/domain/identities/manage-identities";
import { route } from "@/lib/server/route";
import { createIdentityInput, listIdentitiesQuery } from "@/lib/validation/identities";

export const GET = route(
  { path: "/api/v1/identities", summary: "List NHIs (keyset-paginated)", access: "identities.read", query: listIdentitiesQuery, tag: "Identities" },
  ({ actor, query }) => listIdentities(actor, query),
);

export const POST = route(
  { path: "/api/v1/identities", summary: "Register an NHI; (provider, externalId) is unique", access: "identities.write", body: createIdentityInput, status: 201, tag: "Identities" },
  ({ actor, body }) => createIdentity(actor, body),
);
