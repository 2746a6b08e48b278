import { prepareDatabase } from "@/db/prepare";
import { env } from "@/lib/env";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { ensureQueues, startWorkers } from "@/lib/jobs/registry";

// A dedicated job worker for deployments that scale it apart from the web tier
// (start the app with RUN_WORKER=false then).
env();
await prepareDatabase();
const boss = await getBoss();
await ensureQueues(boss);
await startWorkers(boss);
console.log("[countersign] worker running; Ctrl-C to stop");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void stopBoss().finally(() => process.exit(0)));
}
