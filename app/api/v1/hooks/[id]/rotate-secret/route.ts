import { rotateHookSecret } from "@/lib/domain/hooks/manage-hooks";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { rotateHookSecretInput } from "@/lib/validation/hooks";

export const POST = route(
  {
    path: "/api/v1/hooks/{id}/rotate-secret",
    summary: "New signing secret (shown once); the old one also signs during the grace period",
    access: "hooks.manage",
    body: rotateHookSecretInput,
    tag: "Hooks",
  },
  ({ actor, params, body }) => rotateHookSecret(actor, idParam(params), body.graceHours, body.reason),
);
