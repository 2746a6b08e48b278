/**
 * Runtime authorization throughput (issue 6). On one realistic database
 * (≥ 100k NHIs, ≥ 1M entitlements, see dataset.ts) and in the same run,
 * interleaved round by round so drift on the machine hits all alike:
 *
 *   baseline  bench/authorize/baseline-server.ts — bare node:http, one indexed point lookup per request
 *   baseline-2    the same as two processes on one port (node:cluster): the reference for the PDP's default shape
 *   pdp       `npm run pdp` (scripts/pdp.ts) — the lean AuthZEN decision point as shipped: one worker per core
 *             (PDP_WORKERS), its access cache on
 *   pdp-1     the same with PDP_WORKERS=1: one process
 *   pdp-uncached  PDP_WORKERS=1 and PDP_ACCESS_CACHE=off: one database round trip per batch of questions
 *   next      `next start` (production build in .next) — the app's /access/v1/evaluation
 *
 * autocannon, 50 connections, random questions from a pre-generated list (allow and every deny path);
 * before each measured run the database and every server settle (harness.ts `settle`).
 * Afterwards the PDP and Next.js are stopped with SIGTERM (the decision log flushes) and the stored
 * decisions are counted against the 200s each answered.
 *
 *   npm run bench -- authorize       (= npx tsx bench/authorize/run.ts)
 *   NHIS=100000 PER_NHI=10 ROUNDS=3 SECONDS=15 WARMUP=8 CONNECTIONS=50 DB_POOL_MAX=10
 *   NEXT=0 skips Next.js · UNCACHED=0 skips pdp-uncached · SINGLE=0 skips pdp-1 · BASELINE2=0 skips baseline-2 · BENCH_DATABASE=name reuses (and keeps) a database · PROFILE_DIR=dir profiles the PDP
 *   REF_DIR=dir also runs the PDP of another checkout (e.g. `git archive <commit> | tar -x -C dir`, node_modules
 *   symlinked) as target "pdp-ref", interleaved like the others: a before/after under identical conditions.
 */
import os from "node:os";
import type postgres from "postgres";
import { evaluationBody, sampleTriples } from "./dataset";
import { APP_SECRET, type LoadStats, type Service, loadAverage, median, runLoad, settle, startNext, startTs, waitReady } from "./harness";
import { authorizeKeys, inventoryDatabase } from "./setup";

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 15);
const WARMUP = Number(process.env.WARMUP ?? 8);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const POOL = process.env.DB_POOL_MAX ?? "10";
const PORTS = { baseline: 18180, pdp: 18181, next: 18182, ref: 18185, uncached: 18186, single: 18187, baseline2: 18188 };

type Target = { name: "baseline" | "baseline-2" | "pdp" | "pdp-1" | "pdp-uncached" | "next" | "pdp-ref"; start?: () => Service; url: string; service: Service; sql: postgres.Sql; headers?: Record<string, string>; keyId?: string; results: LoadStats[]; answered: number };

const { db, sql } = await inventoryDatabase("cs_bench_authz");
const services: Service[] = [];
try {
  const bodies = (await sampleTriples(sql, 20_000)).map(evaluationBody);
  type Key = { id: string; key: string };
  const [pdpKey, nextKey, refKey, uncachedKey, singleKey] = (await authorizeKeys(sql, ["bench-pdp", "bench-next", "bench-pdp-ref", "bench-pdp-uncached", "bench-pdp-1"])) as [Key, Key, Key, Key, Key];
  const { closeDatabase } = await import("@/db");
  await closeDatabase();

  const common = { DATABASE_URL: db.url, DB_POOL_MAX: POOL, APP_SECRET, NODE_ENV: "production" };
  const startBaseline = () => startTs("baseline", "bench/authorize/baseline-server.ts", { ...common, BASELINE_PORT: String(PORTS.baseline) });
  const startBaseline2 = () => startTs("baseline-2", "bench/authorize/baseline-server.ts", { ...common, BASELINE_PORT: String(PORTS.baseline2), BASELINE_WORKERS: "2" });
  const baseline = startBaseline();
  const baseline2 = process.env.BASELINE2 === "0" ? null : startBaseline2();
  // PROFILE_DIR=… writes a V8 CPU profile of the PDP (open it in Chrome DevTools) when it stops.
  const profile = process.env.PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [];
  const pdp = startTs("pdp", "scripts/pdp.ts", { ...common, PDP_PORT: String(PORTS.pdp) }, profile);
  // The app's per-key rate limit (200/s by default) would turn most of the load into 429s: lift it for the measurement.
  const next = process.env.NEXT === "0" ? null : startNext(PORTS.next, { ...common, NEXTAUTH_SECRET: APP_SECRET, NEXTAUTH_URL: `http://localhost:${PORTS.next}`, RUN_WORKER: "false", RATE_LIMIT_BURST: "1000000000", RATE_LIMIT_PER_SECOND: "1000000000" });
  const ref = process.env.REF_DIR ? startTs("pdp-ref", "scripts/pdp.ts", { ...common, PDP_PORT: String(PORTS.ref) }, [], process.env.REF_DIR) : null;
  const uncached = process.env.UNCACHED === "0" ? null : startTs("pdp-uncached", "scripts/pdp.ts", { ...common, PDP_PORT: String(PORTS.uncached), PDP_ACCESS_CACHE: "off", PDP_WORKERS: "1" });
  const single = process.env.SINGLE === "0" ? null : startTs("pdp-1", "scripts/pdp.ts", { ...common, PDP_PORT: String(PORTS.single), PDP_WORKERS: "1" });
  services.push(baseline, ...(baseline2 ? [baseline2] : []), pdp, ...(single ? [single] : []), ...(uncached ? [uncached] : []), ...(next ? [next] : []), ...(ref ? [ref] : []));
  await waitReady(`http://127.0.0.1:${PORTS.baseline}/`);
  if (baseline2) await waitReady(`http://127.0.0.1:${PORTS.baseline2}/`);
  if (single) await waitReady(`http://127.0.0.1:${PORTS.single}/health`);
  await waitReady(`http://127.0.0.1:${PORTS.pdp}/health`);
  if (uncached) await waitReady(`http://127.0.0.1:${PORTS.uncached}/health`);
  if (ref) await waitReady(`http://127.0.0.1:${PORTS.ref}/health`);
  if (next) await waitReady(`http://127.0.0.1:${PORTS.next}/.well-known/authzen-configuration`, 120_000);
  else console.log("Next.js: no production build in .next (or NEXT=0): comparing baseline and PDP only");

  const auth = (k: string) => ({ authorization: `Bearer ${k}` });
  const targets: Target[] = [
    { name: "baseline", url: `http://127.0.0.1:${PORTS.baseline}/access/v1/evaluation`, service: baseline, start: startBaseline, sql, results: [], answered: 0 },
    ...(baseline2 ? [{ name: "baseline-2" as const, url: `http://127.0.0.1:${PORTS.baseline2}/access/v1/evaluation`, service: baseline2, start: startBaseline2, sql, results: [], answered: 0 }] : []),
    { name: "pdp", url: `http://127.0.0.1:${PORTS.pdp}/access/v1/evaluation`, service: pdp, sql, headers: auth(pdpKey.key), keyId: pdpKey.id, results: [], answered: 0 },
    ...(single ? [{ name: "pdp-1" as const, url: `http://127.0.0.1:${PORTS.single}/access/v1/evaluation`, service: single, sql, headers: auth(singleKey.key), keyId: singleKey.id, results: [], answered: 0 }] : []),
    ...(uncached ? [{ name: "pdp-uncached" as const, url: `http://127.0.0.1:${PORTS.uncached}/access/v1/evaluation`, service: uncached, sql, headers: auth(uncachedKey.key), keyId: uncachedKey.id, results: [], answered: 0 }] : []),
    ...(next ? [{ name: "next" as const, url: `http://127.0.0.1:${PORTS.next}/access/v1/evaluation`, service: next, sql, headers: auth(nextKey.key), keyId: nextKey.id, results: [], answered: 0 }] : []),
    ...(ref ? [{ name: "pdp-ref" as const, url: `http://127.0.0.1:${PORTS.ref}/access/v1/evaluation`, service: ref, sql, headers: auth(refKey.key), keyId: refKey.id, results: [], answered: 0 }] : []),
  ];

  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load ${loadAverage()}`);
  for (const t of targets) {
    const warm = await runLoad(t, bodies, WARMUP, CONNECTIONS);
    t.answered += warm.ok;
    console.log(`warm-up ${t.name}: ${warm.rps.toFixed(0)} req/s`);
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round so no target always runs first or last.
    for (const t of [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)]) {
      // Every round measures a fresh baseline after its own warm-up: the reference at its best, the conservative
      // choice for the ratios (with postgres.js's default pipelining it used to slow down run after run).
      if (t.start && round > 0) {
        const old = t.service;
        await old.stop();
        t.service = t.start();
        services.splice(services.indexOf(old), 1, t.service);
        await waitReady(new URL("/", t.url).toString());
        await runLoad(t, bodies, WARMUP, CONNECTIONS);
      }
      const settleStarted = Date.now();
      await settle(sql, services);
      const settled = ((Date.now() - settleStarted) / 1000).toFixed(1);
      const r = await runLoad(t, bodies, SECONDS, CONNECTIONS);
      t.results.push(r);
      t.answered += r.ok;
      console.log(`round ${round + 1} ${t.name.padEnd(12)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  non-2xx ${r.other}  errors ${r.errors}  CPU per 1k req: server ${r.cpuMsPerKReq.toFixed(0)} ms, database ${r.dbCpuMsPerKReq.toFixed(0)} ms  (load ${loadAverage()}; settled ${settled} s)`);
    }
  }

  // How often the cache answered: the workload repeats questions (each connection cycles through 256 of 20,000), as PEPs do.
  const health = (await (await fetch(`http://127.0.0.1:${PORTS.pdp}/health`)).json()) as { accessCache: { hits: number; misses: number } | null };
  if (health.accessCache) {
    const { hits, misses } = health.accessCache;
    console.log(`pdp access cache: ${hits} hits, ${misses} misses (${((100 * hits) / Math.max(1, hits + misses)).toFixed(1)} % answered from memory)`);
  }

  // SIGTERM: the PDP drains and flushes its decision log; Next.js gets a moment for its 25 ms flush timer first.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (const s of services) console.log(`stopped ${s.name}: exit ${await s.stop()}`);
  services.length = 0;

  const medianRps = (t: Target) => median(t.results.map((r) => r.rps));
  const references = targets.filter((t) => t.start);
  const row = (t: Target) => {
    const ratios = references.map((b) => (medianRps(t) / medianRps(b)).toFixed(2)).join(" | ");
    const cpu = `${median(t.results.map((r) => r.cpuMsPerKReq)).toFixed(0)} / ${median(t.results.map((r) => r.dbCpuMsPerKReq)).toFixed(0)}`;
    return `| ${t.name} | ${medianRps(t).toFixed(0)} | ${ratios} | ${median(t.results.map((r) => r.p50))} | ${median(t.results.map((r) => r.p99))} | ${cpu} | ${t.results.map((r) => r.rps.toFixed(0)).join(" / ")} |`;
  };
  const ratioHeads = references.map((b) => `× ${b.name}`);
  console.log(
    `\n| target | req/s (median) | ${ratioHeads.join(" | ")} | p50 ms | p99 ms | CPU µs/req server / db | rounds req/s |\n|${"---|".repeat(6 + references.length)}\n${targets.map(row).join("\n")}`,
  );

  let failed = false;
  for (const t of targets.filter((x) => x.keyId)) {
    const [stored] = await sql<{ n: number; allowed: number }[]>`
      select count(*)::int as n, count(*) filter (where decision)::int as allowed from decisions where api_key_id = ${t.keyId!}`;
    const ok = stored!.n >= t.answered;
    failed ||= !ok;
    console.log(`${t.name}: ${t.answered} answered 200, ${stored!.n} decisions stored (${((100 * stored!.allowed) / Math.max(1, stored!.n)).toFixed(0)} % allow) — ${ok ? "every decision stored" : "MISSING DECISIONS"}`);
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  for (const s of services) await s.stop();
  await sql.end();
  await db.drop();
}
