import cluster, { type Worker } from "node:cluster";

/**
 * The decision point as several processes on one port (`PDP_WORKERS`, default one per core, at most 4): a Node process
 * decides on one core, so one process leaves the others idle while its own is saturated. The primary only
 * supervises; each worker is a whole decision point (its own pool, change feed, caches and decision log), exactly
 * like a second instance behind a load balancer — which is why nothing here needs to be shared or coordinated.
 *
 * - Startup: resolves once every worker listens; a worker that dies before any has listened fails the start
 *   (a bad port or database would otherwise become a restart loop).
 * - A worker that dies later is replaced, after a pause that doubles with each crash in the last minute (≤ 5 s).
 * - `stop()` asks every worker to drain and flush its decision log (the `shutdown` message), waits for them,
 *   and answers the worst exit code; a worker still running after `STOP_DEADLINE_MS` is killed.
 */
export const SHUTDOWN_MESSAGE = "countersign:pdp-shutdown";
const STOP_DEADLINE_MS = 20_000;
const CRASH_WINDOW_MS = 60_000;
const MAX_RESTART_DELAY_MS = 5_000;

export type WorkerPool = { port: number; stop(): Promise<number> };

export function startWorkers(count: number, env: NodeJS.ProcessEnv): Promise<WorkerPool> {
  const live = new Set<Worker>();
  const crashes: number[] = [];
  let listening = 0;
  let port = 0;
  let stopping = false;
  let worstCode = 0;
  let allExited: (() => void) | null = null;

  const fork = () => {
    const worker = cluster.fork(env);
    live.add(worker);
    return worker;
  };

  return new Promise<WorkerPool>((resolve, reject) => {
    const pool: WorkerPool = {
      get port() {
        return port;
      },
      async stop() {
        stopping = true;
        if (live.size > 0) {
          const exited = new Promise<void>((done) => (allExited = done));
          for (const worker of live) worker.send(SHUTDOWN_MESSAGE);
          const deadline = setTimeout(() => {
            for (const worker of live) worker.process.kill("SIGKILL");
          }, STOP_DEADLINE_MS);
          await exited;
          clearTimeout(deadline);
        }
        return worstCode;
      },
    };

    cluster.on("listening", (_worker, address) => {
      port = address.port;
      listening += 1;
      if (listening === count) resolve(pool);
    });

    cluster.on("exit", (worker, code, signal) => {
      live.delete(worker);
      if (stopping) {
        // The exit code of the whole is that of the shutdown: did every worker drain and flush?
        if (code !== 0 || signal !== null) worstCode = Math.max(worstCode, code || 1);
        if (live.size === 0) allExited?.();
        return;
      }
      if (listening === 0) {
        // Nothing ever served: the configuration is wrong, not the worker unlucky.
        stopping = true;
        for (const other of live) other.process.kill("SIGTERM");
        reject(new Error(`a decision point worker exited during startup (${signal ?? `exit ${code}`})`));
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
      const delay = Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** (crashes.length - 1));
      console.error(`[pdp] worker ${worker.process.pid} exited (${signal ?? `exit ${code}`}); replacing it in ${delay} ms`);
      setTimeout(() => {
        if (!stopping) fork();
      }, delay);
    });

    for (let i = 0; i < count; i++) fork();
  });
}
