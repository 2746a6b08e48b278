import { createHook, listHooks } from "@/lib/domain/hooks/manage-hooks";
import { route } from "@/lib/server/route";
import { createHookInput } from "@/lib/validation/hooks";

export const GET = route(
  { path: "/api/v1/hooks", summary: "Revocation hooks (never their secrets)", access: "hooks.read", tag: "Hooks" },
  ({ actor }) => listHooks(actor),
);

export const POST = route(
  {
    path: "/api/v1/hooks",
    summary: "Register a revocation hook; a standard-webhooks secret (whsec_…) is in this answer only",
    access: "hooks.manage",
    body: createHookInput,
    status: 201,
    tag: "Hooks",
  },
  ({ actor, body }) => createHook(actor, body),
);
