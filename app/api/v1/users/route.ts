import { createUser, listUsers } from "@/lib/domain/users/users";
import { route } from "@/lib/server/route";
import { createUserInput, listUsersQuery } from "@/lib/validation/users";

export const GET = route(
  { path: "/api/v1/users", summary: "List users", access: "users.read", query: listUsersQuery, tag: "Users" },
  ({ actor, query }) => listUsers(actor, query),
);

export const POST = route(
  { path: "/api/v1/users", summary: "Create a user", access: "users.manage", body: createUserInput, status: 201, tag: "Users" },
  ({ actor, body }) => createUser(actor, body),
);
