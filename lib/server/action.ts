import crypto from "node:crypto";
import type { z, ZodType } from "zod";
import { type Permission, can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { toProblem } from "./problem";
import { getSessionActor } from "./authenticate";
import { ROUTE_META, type RouteMeta } from "./route-meta";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/**
 * The one way to write a server action: session → permission → parse with the
 * shared zod schema → domain call → `{ ok, data } | { ok: false, error, fieldErrors }`.
 * Accepts a plain object or FormData (directly or as useActionState's 2nd arg).
 */
export function action<S extends ZodType, R>(
  name: string,
  permission: Permission | "authenticated",
  schema: S,
  handler: (actor: Actor, input: z.infer<S>) => Promise<R>,
) {
  const fn = async (...args: unknown[]): Promise<ActionResult<R>> => {
    const raw = args.length > 1 ? args[1] : args[0];
    try {
      const actor = await getSessionActor(crypto.randomUUID());
      if (!actor) return { ok: false, error: "Your session has ended. Sign in again." };
      if (permission !== "authenticated" && !can(actor, permission)) {
        return { ok: false, error: "You do not have permission to do this." };
      }
      const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
        return { ok: false, error: "Please correct the highlighted fields.", fieldErrors };
      }
      return { ok: true, data: await handler(actor, parsed.data) };
    } catch (error) {
      const p = toProblem(error);
      if (p.status === 500) {
        console.error(`[action ${name}]`, error instanceof Error ? error.stack : error);
        return { ok: false, error: "Something went wrong. It has been logged; try again." };
      }
      const fieldErrors = p.errors?.reduce<Record<string, string[]>>((acc, e) => {
        (acc[e.path] ??= []).push(e.message);
        return acc;
      }, {});
      return { ok: false, error: p.detail, fieldErrors };
    }
  };
  const meta: RouteMeta = { path: `action:${name}`, summary: name, access: permission, body: schema };
  return Object.assign(fn, { [ROUTE_META]: meta });
}

/** `name[]` keys become arrays; everything else stays a string (zod coerces). */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) out[key.slice(0, -2)] = values;
    else out[key] = values[0];
  }
  return out;
}
