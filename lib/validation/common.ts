import { z } from "zod";
import { AppError } from "@/lib/errors";

export const uuid = z.uuid({ message: "must be a UUID" });

/** How long a revocation can be undone (shared by the domain and the Undo toast). */
export const UNDO_WINDOW_MS = 30_000;

/** A trimmed, non-empty string with a length cap (refuses whitespace-only input). */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? "is required" : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

export const reason = z.string().trim().max(500, "must be at most 500 characters").optional();

/** A GET filter form submits "" for "any"; that must mean no filter, not an invalid value. */
export const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** Cursor pagination per API.md: `?limit=` (default 50, max 500) and `?cursor=`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1, "must be at least 1").max(500, "must be at most 500").default(50),
  cursor: z.string().max(500).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Opaque keyset cursors: base64url JSON of the sort key of the last row. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<T>(cursor: string | undefined, shape: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the invalid-cursor error below
  }
  throw Object.assign(new Error("invalid cursor"), { invalidCursor: true });
}

/** Path ids that are not UUIDs cannot name any object: answer 404, not 500. */
export function idParam(params: Record<string, string>, name = "id"): string {
  const value = params[name] ?? "";
  if (!uuid.safeParse(value).success) throw new AppError("not_found", `No object with ${name} ${JSON.stringify(value.slice(0, 64))}`);
  return value;
}

// Plain-language messages for the two most common mistakes, everywhere.
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
    if (issue.code === "unrecognized_keys") return `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    return undefined;
  },
});
