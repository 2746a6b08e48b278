import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { AppError, type FieldError } from "@/lib/errors";

/**
 * Checks that referenced people exist, are active and hold the role the
 * reference needs; every problem is reported against its input field.
 */
export async function assertActiveUsers(db: DbOrTx, refs: { path: string; userId: string | null | undefined; role?: Role }[]) {
  const ids = [...new Set(refs.map((r) => r.userId).filter((id): id is string => !!id))];
  if (ids.length === 0) return;
  const rows = await db.select({ id: users.id, active: users.active, roles: users.roles }).from(users).where(inArray(users.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  for (const ref of refs) {
    if (!ref.userId) continue;
    const user = byId.get(ref.userId);
    if (!user) errors.push({ path: ref.path, message: "no such user" });
    else if (!user.active) errors.push({ path: ref.path, message: "this user is deactivated" });
    else if (ref.role && !user.roles.includes(ref.role)) errors.push({ path: ref.path, message: `this user is not a ${ref.role.replace("_", " ")}` });
  }
  if (errors.length) throw new AppError("validation", errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors);
}
