import { db, type Transaction } from "@/db";

class DryRunRollback<T> extends Error {
  constructor(readonly result: T) {
    super("dry run");
  }
}

/**
 * Runs a mutation in a transaction and rolls it back, returning what it would
 * have done: previews ("this will revoke…") come from the same code as the
 * real change, so the preview cannot drift from reality.
 */
export async function inTransaction<T>(dryRun: boolean, work: (tx: Transaction) => Promise<T>): Promise<T> {
  if (!dryRun) return db.transaction(work);
  try {
    await db.transaction(async (tx) => {
      throw new DryRunRollback(await work(tx));
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result as T;
    throw error;
  }
  throw new Error("unreachable");
}
