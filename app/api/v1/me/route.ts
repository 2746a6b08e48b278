import { route } from "@/lib/server/route";

export const GET = route(
  { path: "/api/v1/me", summary: "Who the caller is and what they may do", access: "authenticated", tag: "Users" },
  async ({ actor }) => ({
    userId: actor.userId,
    label: actor.label,
    kind: actor.kind,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
  }),
);
