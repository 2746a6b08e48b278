import { listCredentials, registerCredential } from "@/lib/domain/credentials/manage-credentials";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { registerCredentialInput } from "@/lib/validation/credentials";

export const GET = route(
  { path: "/api/v1/identities/{id}/credentials", summary: "Credential metadata of an NHI (never the secret)", access: "identities.read", tag: "Credentials" },
  ({ actor, params }) => listCredentials(actor, idParam(params)),
);

export const POST = route(
  {
    path: "/api/v1/identities/{id}/credentials",
    summary: "Register credential metadata; a pasted `secret` is fingerprinted on arrival and discarded",
    access: "credentials.write",
    body: registerCredentialInput,
    status: 201,
    tag: "Credentials",
  },
  ({ actor, params, body }) => registerCredential(actor, idParam(params), body),
);
