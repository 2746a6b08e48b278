import { z } from "zod";
import { type Page, encodeCursor } from "@/lib/validation/common";

// Shared by the catalogue lists (workflows, data sets, identities): search, owners and name-ordered keyset pages.

/** An accountable owner as lists show it; `active: false` means they have left (OWASP NHI1). */
export type OwnerRef = { id: string; name: string; active: boolean };

/** `%` and `_` typed into a search box are literal characters, not wildcards. */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, "\\$&")}%`;
}

/** The owner columns of a left join: no id means no owner, not an owner without a name. */
export function ownerRef(id: string | null, name: string | null, active: boolean | null): OwnerRef | null {
  return id ? { id, name: name ?? "", active: active ?? false } : null;
}

/** The cursor of a list ordered by (name, id): the last row's sort key. */
export const nameCursor = z.object({ name: z.string(), id: z.uuid() });

/**
 * One page of a list ordered by (name, id). The query asks for `limit + 1`
 * rows so the extra one tells, without a count, that another page follows.
 */
export function pageByName<R, T extends { id: string; name: string }>(rows: R[], limit: number, toItem: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null };
}
