import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import autocannon from "autocannon";
import postgres from "postgres";
import { withDatabase } from "@/db/connection";

/** Shared by bench/authorize and bench/propagation: databases, child servers on loopback, load. */
export const SERVER = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const APP_SECRET = crypto.randomBytes(36).toString("base64url");

/** A fresh database on SERVER, or BENCH_DATABASE when set (kept, so a re-run can skip generation). */
export async function benchDatabase(prefix: string): Promise<{ url: string; fresh: boolean; drop: () => Promise<void> }> {
  const admin = postgres(withDatabase(SERVER, "postgres"), { max: 1, onnotice: () => {} });
  const reuse = process.env.BENCH_DATABASE;
  const name = reuse ?? `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  const exists = (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
  if (!exists) await admin.unsafe(`create database ${name}`);
  const keep = Boolean(reuse) || process.env.KEEP_DB === "1";
  return {
    url: withDatabase(SERVER, name),
    fresh: !exists,
    drop: async () => {
      if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
      else console.log(`kept database ${name} (BENCH_DATABASE=${name} reuses it)`);
      await admin.end();
    },
  };
}

export type Service = { name: string; child: ChildProcess; cpuMs: () => number; stop: () => Promise<number | null> };

/** A TypeScript entry point in its own node process (tsx only transpiles at load; the hot path is plain node). */
export function startTs(name: string, script: string, env: Record<string, string>, nodeArgs: string[] = [], cwd?: string): Service {
  return service(name, spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] }));
}

/** `next start` of the production build in .next (null when there is none). */
export function startNext(port: number, env: Record<string, string>): Service | null {
  if (!fs.existsSync(".next/BUILD_ID")) return null;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return service("next", child);
}

function service(name: string, child: ChildProcess): Service {
  child.stdout?.on("data", (d: Buffer) => process.env.BENCH_VERBOSE && process.stdout.write(`[${name}] ${d}`));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    name,
    child,
    // CPU per request is the clearest profile of where the time goes; a server with workers counts them too.
    cpuMs: () => processTreeCpuMs(child.pid),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** utime + stime of a process from /proc (clock ticks of 10 ms). */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** A process and its descendants (cluster workers), read from /proc. */
function processTreeCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.pop()!;
    total += processCpuMs(next);
    queue.push(...(children.get(next) ?? []));
  }
  return total;
}

/** CPU used so far by the PostgreSQL backends connected to this database (pools keep their connections, so deltas work). */
export async function databaseCpuMs(sql: postgres.Sql): Promise<number> {
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database()`;
  return rows.reduce((sum, r) => sum + processCpuMs(r.pid), 0);
}

export async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

export type LoadStats = { rps: number; p50: number; p99: number; ok: number; other: number; errors: number; cpuMsPerKReq: number; dbCpuMsPerKReq: number };

/**
 * autocannon against one endpoint. Each connection gets its own random draw of
 * the pre-built bodies, encoded once up front, so the load generator (which
 * shares the 2 cores) does no per-request work beyond sending.
 */
export async function runLoad(
  target: { url: string; service?: Service; headers?: Record<string, string>; sql?: postgres.Sql },
  bodies: string[],
  seconds: number,
  connections = 50,
): Promise<LoadStats> {
  const headers = { "content-type": "application/json", ...target.headers };
  const cpuBefore = target.service?.cpuMs() ?? 0;
  const dbBefore = target.sql ? await databaseCpuMs(target.sql) : 0;
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    method: "POST",
    timeout: 10,
    setupClient: (client) =>
      client.setRequests(Array.from({ length: 256 }, () => ({ method: "POST", headers, body: bodies[Math.floor(Math.random() * bodies.length)]! }))),
  });
  const cpu = (target.service?.cpuMs() ?? 0) - cpuBefore;
  const dbCpu = target.sql ? (await databaseCpuMs(target.sql)) - dbBefore : 0;
  const total = result["2xx"] + result.non2xx;
  return {
    rps: total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    other: result.non2xx,
    errors: result.errors,
    cpuMsPerKReq: total > 0 ? (cpu / total) * 1000 : 0,
    dbCpuMsPerKReq: total > 0 ? (dbCpu / total) * 1000 : 0,
  };
}

/**
 * Lets the machine settle before a measured run, so no target pays for the one before it: a checkpoint, then a
 * wait (at most 60 s) until no autovacuum worker is busy on this database and every service process is idle (under
 * 5 % of a core over half a second). Without it the baseline, which runs right after Next.js in two of three rounds,
 * lost up to half its throughput to what the previous targets left behind (their log inserts' autovacuum and dirty
 * pages, Next.js's own after-load work).
 */
export async function settle(sql: postgres.Sql, services: Service[]): Promise<void> {
  await sql`checkpoint`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const [busy] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity where backend_type = 'autovacuum worker' and datname = current_database()`;
    const before = services.map((s) => s.cpuMs());
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idle = services.every((s, i) => s.cpuMs() - before[i]! < 25);
    if (busy!.n === 0 && idle) return;
  }
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
