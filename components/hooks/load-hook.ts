import { notFound } from "next/navigation";
import type { Actor } from "@/lib/domain/actor";
import { getHook } from "@/lib/domain/hooks/manage-hooks";
import { isAppError } from "@/lib/errors";
import { uuid } from "@/lib/validation/common";

/** A hook for a page, or the 404 page: an id that is malformed or names nothing is simply not found. */
export async function loadHookOr404(actor: Actor, id: string) {
  if (!uuid.safeParse(id).success) notFound();
  try {
    return await getHook(actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
