"use server";

import { revalidatePath } from "next/cache";
import { createUser, updateUser } from "@/lib/domain/users/users";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";
import { createUserInput, updateUserInput } from "@/lib/validation/users";

function revalidateUserViews() {
  revalidatePath("/settings/users");
  // The API key owner picker lists active users only.
  revalidatePath("/settings/api-keys");
}

export const createUserAction = action("users.create", "users.manage", createUserInput, async (actor, input) => {
  const user = await createUser(actor, input);
  revalidateUserViews();
  return { id: user.id, name: user.name, email: user.email };
});

/** Roles, name and (de)activation all go through one update so the domain's last-admin and self checks always apply. */
export const updateUserAction = action(
  "users.update",
  "users.manage",
  updateUserInput.extend({ id: uuid }),
  async (actor, { id, ...changes }) => {
    const user = await updateUser(actor, id, changes);
    revalidateUserViews();
    return { id: user.id, name: user.name, roles: user.roles, active: user.active };
  },
);
