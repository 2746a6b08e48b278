import { redirect } from "next/navigation";
import type { Actor } from "@/lib/domain/actor";
import { getSessionActor } from "./authenticate";

/** For server components: the signed-in actor, or a redirect to the sign-in page. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/signin");
  return actor;
}
