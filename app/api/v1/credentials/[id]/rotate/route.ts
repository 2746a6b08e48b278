import { rotateCredential } from "@/lib/domain/credentials/manage-credentials";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { rotateCredentialInput } from "@/lib/validation/credentials";

export const POST = route(
  { path: "/api/v1/credentials/{id}/rotate", summary: "Rotate: a new credential replaces this one, which stops being valid", access: "credentials.write", body: rotateCredentialInput, tag: "Credentials" },
  ({ actor, params, body }) => rotateCredential(actor, idParam(params), body),
);
