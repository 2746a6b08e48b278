/** postgres.js surfaces SQLSTATE as `code`; drizzle wraps it as `cause`. */
function pgError(error: unknown): { code?: string; constraint_name?: string } | undefined {
  if (!error || typeof error !== "object") return undefined;
  const e = error as { code?: unknown; cause?: unknown };
  if (typeof e.code === "string") return e as { code: string; constraint_name?: string };
  return pgError(e.cause);
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return e?.code === "23505" && (!constraint || e.constraint_name === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return pgError(error)?.code === "23503";
}
