import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";

/** Channel on which decision points hear that a caller (an API key or its user) changed. */
export const CALLER_CHANGES_CHANNEL = "cs_caller_changes";

/**
 * Tells every decision point, at commit, to forget the callers it has cached
 * (lib/pdp/api-key-cache.ts), so a revoked key or a deactivated owner is
 * refused at once rather than when the cache entry runs out.
 */
export async function announceCallerChange(tx: Transaction) {
  await tx.execute(sql`select pg_notify(${CALLER_CHANGES_CHANNEL}, '')`);
}
