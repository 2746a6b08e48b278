import { type SQL, sql } from "drizzle-orm";

/** The evaluation time as a timestamptz (rules never read the database clock). */
export const at = (now: string) => sql`${now}::timestamptz`;

/** `now - n days`, for "older than" conditions. */
export const daysBefore = (now: string, days: number) => sql`(${now}::timestamptz - make_interval(days => ${days}))`;

/**
 * The first of several candidate owners who is still an active user
 * (DESIGN.md invariant 6: a deactivated person is nobody's accountable owner).
 * Each candidate is `[id column, alias of its left-joined users row]`.
 */
export function firstActive(...candidates: [SQL, string][]): SQL {
  const branches = candidates.map(([id, alias]) => sql`when ${sql.raw(alias)}.active then ${id}`);
  return sql`case ${sql.join(branches, sql` `)} end`;
}
