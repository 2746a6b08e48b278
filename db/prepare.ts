import { databaseUrl, usesEmbeddedDatabase } from "./connection";
import { ensureEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";

/** Everything a process needs before its first query: server up, schema current. */
export async function prepareDatabase(): Promise<{ embedded: boolean }> {
  const embedded = usesEmbeddedDatabase();
  if (embedded) await ensureEmbeddedPostgres();
  await migrateDatabase(databaseUrl());
  return { embedded };
}
