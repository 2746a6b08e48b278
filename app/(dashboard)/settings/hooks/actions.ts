"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { replayDelivery } from "@/lib/domain/hooks/deliveries";
import { createHook, rotateHookSecret, updateHook } from "@/lib/domain/hooks/manage-hooks";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";
import { createHookInput, rotateHookSecretInput, updateHookInput } from "@/lib/validation/hooks";

const HOOKS_PATH = "/settings/hooks";

/** The `whsec_` secret is in this result only; the page never sees it again. */
export const createHookAction = action("hooks.create", "hooks.manage", createHookInput, async (actor, input) => {
  const hook = await createHook(actor, input);
  revalidatePath(HOOKS_PATH);
  return { id: hook.id, name: hook.name, format: hook.format, secret: hook.secret };
});

/** Edits name and events, and disables (with a reason) or re-enables a hook. */
export const updateHookAction = action(
  "hooks.update",
  "hooks.manage",
  updateHookInput.extend({ id: uuid }),
  async (actor, { id, ...changes }) => {
    const hook = await updateHook(actor, id, changes);
    revalidatePath(HOOKS_PATH);
    revalidatePath(`${HOOKS_PATH}/${id}`);
    return { id: hook.id, name: hook.name, active: hook.active };
  },
);

/** The new secret is in this result only; the previous one keeps signing until the grace period ends. */
export const rotateHookSecretAction = action(
  "hooks.rotate_secret",
  "hooks.manage",
  rotateHookSecretInput.extend({ id: uuid }),
  async (actor, input) => {
    const hook = await rotateHookSecret(actor, input.id, input.graceHours, input.reason);
    revalidatePath(HOOKS_PATH);
    return { id: hook.id, secret: hook.secret, previousSecretValidUntil: hook.previousSecretValidUntil };
  },
);

export const replayDeliveryAction = action(
  "hooks.replay_delivery",
  "hooks.manage",
  z.object({ id: uuid }).strict(),
  async (actor, input) => {
    const delivery = await replayDelivery(actor, input.id);
    revalidatePath(HOOKS_PATH);
    revalidatePath(`${HOOKS_PATH}/${delivery.hookId}`);
    return { id: delivery.id, status: delivery.status };
  },
);
