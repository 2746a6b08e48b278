import type { ZodType } from "zod";
import type { Permission } from "@/lib/auth/permissions";

/**
 * Every route handler and server action carries this, so a test can prove
 * that each one is wrapped and names a permission from the matrix, and the
 * OpenAPI document can be generated from the same schemas.
 */
export const ROUTE_META = Symbol.for("countersign.route");

export type Access =
  | Permission
  /** Any one of these; the domain decides which applies (e.g. the business or identity side of an approval). */
  | readonly Permission[]
  /** Open to anyone; `why` documents the reason in code (health checks, discovery documents). */
  | { public: string }
  /** Any signed-in user; the domain function decides per object (e.g. their own notifications). */
  | "authenticated";

export type RouteMeta = {
  path: string;
  summary: string;
  access: Access;
  body?: ZodType;
  query?: ZodType;
  tag?: string;
};

export type WithMeta = { [ROUTE_META]: RouteMeta };

export function metaOf(value: unknown): RouteMeta | undefined {
  return typeof value === "function" ? (value as Partial<WithMeta>)[ROUTE_META] : undefined;
}

/** Whether an actor's permissions satisfy a route's access rule (public and "authenticated" pass). */
export function satisfies(permissions: ReadonlySet<Permission>, access: Access): boolean {
  if (typeof access === "object" && !Array.isArray(access)) return true;
  if (access === "authenticated") return true;
  const needed = Array.isArray(access) ? access : [access as Permission];
  return needed.some((p) => permissions.has(p));
}
