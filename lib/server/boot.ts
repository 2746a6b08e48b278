import { db } from "@/db";
import { prepareDatabase } from "@/db/prepare";
import { seedDemo } from "@/db/seed/demo";
import { env } from "@/lib/env";
import { getBoss } from "@/lib/jobs/boss";
import { ensureQueues, startWorkers } from "@/lib/jobs/registry";

/**
 * Runs once when a server process starts: validate the environment, bring the
 * database up to date, seed the zero-setup demo, start the job workers.
 */
export async function bootServer() {
  const config = env();
  const { embedded } = await prepareDatabase();
  if (embedded) {
    const result = await seedDemo(db);
    if (result.seeded) console.log("[countersign] first start: demo organisation seeded", result.counts);
  }
  const boss = await getBoss();
  await ensureQueues(boss);
  if (config.RUN_WORKER !== false) await startWorkers(boss);
  console.log(`[countersign] ready (${embedded ? "embedded PostgreSQL under .data/pg" : "DATABASE_URL"})`);
}
