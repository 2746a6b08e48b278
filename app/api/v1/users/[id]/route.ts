import { getUser, updateUser } from "@/lib/domain/users/users";
import { route } from "@/lib/server/route";
import { updateUserInput } from "@/lib/validation/users";
import { idParam } from "@/lib/validation/common";

export const GET = route(
  { path: "/api/v1/users/{id}", summary: "Get a user", access: "users.read", tag: "Users" },
  ({ actor, params }) => getUser(actor, idParam(params)),
);

export const PATCH = route(
  {
    path: "/api/v1/users/{id}",
    summary: "Change a user's name or roles, or deactivate them (ends their sessions)",
    access: "users.manage",
    body: updateUserInput,
    tag: "Users",
  },
  ({ actor, params, body }) => updateUser(actor, idParam(params), body),
);
