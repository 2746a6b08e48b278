import { z } from "zod";
import { ROLES } from "@/db/schema/enums";
import { pageQuery, text } from "./common";

export const role = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });

export const createUserInput = z
  .object({
    email: z.email({ message: "must be an e-mail address" }).max(254).transform((e) => e.toLowerCase()),
    name: text(120),
    roles: z.array(role).min(1, "choose at least one role").max(ROLES.length),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserInput>;

export const updateUserInput = z
  .object({
    name: text(120).optional(),
    roles: z.array(role).min(1, "choose at least one role").max(ROLES.length).optional(),
    active: z.boolean().optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const listUsersQuery = pageQuery.extend({
  q: z.string().trim().max(120).optional(),
  role: role.optional(),
  active: z.enum(["true", "false"]).optional(),
});
