import { closeDatabase } from "@/db";
import { stopEmbeddedPostgres } from "@/db/embedded";
import { prepareDatabase } from "@/db/prepare";
import { stopBoss } from "@/lib/jobs/boss";

/**
 * Shared lifecycle of the command-line entry points: database up and migrated
 * before, everything closed after (the embedded server only if we started it).
 */
export async function runScript(main: () => Promise<number | void>): Promise<never> {
  let code = 0;
  try {
    await prepareDatabase();
    code = (await main()) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    code = 1;
  } finally {
    await stopBoss().catch(() => {});
    await closeDatabase().catch(() => {});
    await stopEmbeddedPostgres().catch(() => {});
  }
  process.exit(code);
}
