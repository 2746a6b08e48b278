import { getHook, updateHook } from "@/lib/domain/hooks/manage-hooks";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { updateHookInput } from "@/lib/validation/hooks";

export const GET = route(
  { path: "/api/v1/hooks/{id}", summary: "A revocation hook", access: "hooks.read", tag: "Hooks" },
  ({ actor, params }) => getHook(actor, idParam(params)),
);

export const PATCH = route(
  { path: "/api/v1/hooks/{id}", summary: "Change a hook's name, events, or enable/disable it", access: "hooks.manage", body: updateHookInput, tag: "Hooks" },
  ({ actor, params, body }) => updateHook(actor, idParam(params), body),
);
