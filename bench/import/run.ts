/**
 * Inventory import benchmark: 100k CSV rows through `importInventory` (parse,
 * validate, resolve owners, plan, set-based upsert, audit event) against a raw
 * `COPY nhis FROM STDIN` of the same rows. Each run gets a fresh, migrated
 * database; the two are interleaved so drift on the machine hits both alike.
 *
 *   npx tsx bench/import/run.ts            (ROWS=100000 RUNS=3 by default)
 *
 * Uses the server of $DATABASE_URL, else postgres://postgres@127.0.0.1:5432.
 */
import crypto from "node:crypto";
import os from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { withDatabase } from "@/db/connection";
import { migrateDatabase } from "@/db/migrate";

const ROWS = Number(process.env.ROWS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const SERVER = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const OWNERS = Array.from({ length: 20 }, (_, i) => ({ id: crypto.randomUUID(), email: `owner-${i}@bench.example` }));

const PROVIDERS = ["aws", "gcp", "azure", "kubernetes", "github", "okta", "snowflake", "custom"];
const KINDS = ["service_account", "api_key", "oauth_client", "agent", "bot", "workload"];
const ENVIRONMENTS = ["prod", "staging", "dev"];

type Row = { provider: string; externalId: string; name: string; kind: string; environment: string; classification: string; owner: number; lastUsedAt: string; description: string };

function generateRows(): Row[] {
  const base = Date.parse("2026-01-01T00:00:00Z");
  return Array.from({ length: ROWS }, (_, i) => ({
    provider: PROVIDERS[i % PROVIDERS.length]!,
    externalId: `bench:${i}:${crypto.randomBytes(6).toString("hex")}`,
    name: `workload-${i}`,
    kind: KINDS[i % KINDS.length]!,
    environment: ENVIRONMENTS[i % ENVIRONMENTS.length]!,
    classification: i % 7 === 0 ? "privileged" : "utility",
    owner: i % OWNERS.length,
    lastUsedAt: new Date(base - (i % 90_000) * 60_000).toISOString(),
    description: `Benchmark identity ${i}, generated; owned by team ${i % 40}`,
  }));
}

const importCsv = (rows: Row[]) =>
  "provider,external_id,name,kind,environment,classification,owner_email,status,last_used_at,description\n" +
  rows.map((r) => `${r.provider},${r.externalId},${r.name},${r.kind},${r.environment},${r.classification},${OWNERS[r.owner]!.email},active,${r.lastUsedAt},"${r.description}"`).join("\n");

const copyCsv = (rows: Row[]) =>
  rows.map((r) => `${r.provider},${r.externalId},${r.name},${r.kind},${r.environment},${r.classification},${OWNERS[r.owner]!.id},active,${r.lastUsedAt},"${r.description}"`).join("\n");

async function withFreshDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const admin = postgres(withDatabase(SERVER, "postgres"), { max: 1, onnotice: () => {} });
  const name = `cs_bench_${crypto.randomBytes(5).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(SERVER, name);
  try {
    await migrateDatabase(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    for (const o of OWNERS) await sql`insert into users (id, email, name, roles) values (${o.id}, ${o.email}, ${o.email}, '{identity_owner}')`;
    await sql.end();
    return await run(url);
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function timeCopy(text: string): Promise<number> {
  return withFreshDatabase(async (url) => {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const started = performance.now();
    const sink = await sql
      .unsafe(`copy nhis (provider, external_id, name, kind, environment, classification, owner_id, status, last_used_at, description) from stdin with (format csv)`)
      .writable();
    await pipeline(Readable.from(chunksOf(text)), sink);
    const elapsed = performance.now() - started;
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from nhis`;
    await sql.end();
    const n = row?.n;
    if (n !== ROWS) throw new Error(`COPY loaded ${n} rows, expected ${ROWS}`);
    return elapsed;
  });
}

type ImportTimes = { apply: number; reapply: number; preview: number };

async function timeImport(text: string): Promise<ImportTimes> {
  return withFreshDatabase(async (url) => {
    // `@/db` opens its pool from DATABASE_URL on first use; point it at this run's database.
    process.env.DATABASE_URL = url;
    const { closeDatabase } = await import("@/db");
    const { importInventory } = await import("@/lib/domain/import/apply-import");
    const { systemActor } = await import("@/lib/domain/actor");
    const actor = systemActor("bench");
    try {
      let started = performance.now();
      const result = await importInventory(actor, "csv", text, { dryRun: false, environment: "prod" });
      const apply = performance.now() - started;
      if (result.totals.created !== ROWS) throw new Error(`import created ${result.totals.created} rows, expected ${ROWS}`);
      started = performance.now();
      const again = await importInventory(actor, "csv", text, { dryRun: false, environment: "prod" });
      const reapply = performance.now() - started;
      if (again.totals.unchanged !== ROWS) throw new Error(`re-import left ${again.totals.unchanged} rows unchanged, expected ${ROWS}`);
      started = performance.now();
      await importInventory(actor, "csv", text, { dryRun: true, environment: "prod" });
      return { apply, reapply, preview: performance.now() - started };
    } finally {
      await closeDatabase();
    }
  });
}

function* chunksOf(text: string, size = 1 << 20) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (ms: number) => `${Math.round(ROWS / (ms / 1000)).toLocaleString("en-US")} rows/s`;

const rows = generateRows();
const forImport = importCsv(rows);
const forCopy = copyCsv(rows);
console.log(`${ROWS.toLocaleString("en-US")} rows, ${(Buffer.byteLength(forImport) / 1024 / 1024).toFixed(1)} MB CSV, ${RUNS} runs each`);
// Both sides share the machine's cores with PostgreSQL; a busy machine slows the import's JS half more than COPY.
console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);

const copies: number[] = [];
const imports: ImportTimes[] = [];
for (let run = 1; run <= RUNS; run++) {
  copies.push(await timeCopy(forCopy));
  imports.push(await timeImport(forImport));
  const last = imports.at(-1)!;
  console.log(`run ${run}: COPY ${seconds(copies.at(-1)!)} | import ${seconds(last.apply)} (re-import ${seconds(last.reapply)}, preview ${seconds(last.preview)})`);
}

const copy = median(copies);
const apply = median(imports.map((t) => t.apply));
console.log(`\nmedian COPY          ${seconds(copy)}  ${rate(copy)}`);
console.log(`median import apply  ${seconds(apply)}  ${rate(apply)}`);
console.log(`median re-import     ${seconds(median(imports.map((t) => t.reapply)))}  (every row unchanged)`);
console.log(`median preview       ${seconds(median(imports.map((t) => t.preview)))}  (dry run against the imported rows)`);
console.log(`import rate / COPY rate = ${(copy / apply).toFixed(2)} (target ≥ 0.25)`);
console.log(`load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
