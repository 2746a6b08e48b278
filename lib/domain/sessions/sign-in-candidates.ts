import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";

/** The development sign-in's user picker. Only called when DEV_SIGN_IN is in effect. */
export async function listSignInCandidates() {
  return db
    .select({ email: users.email, name: users.name, roles: users.roles })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name))
    .limit(50);
}
