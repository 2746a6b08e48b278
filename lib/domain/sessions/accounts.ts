import { db } from "@/db";
import { accounts } from "@/db/schema";

/** Remembers which OIDC subject signed in as which user (first sign-in links). */
export async function linkAccount(userId: string, provider: string, providerAccountId: string) {
  await db.insert(accounts).values({ userId, provider, providerAccountId }).onConflictDoNothing();
}
