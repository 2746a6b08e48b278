import path from "node:path";

/**
 * Where the database lives. One rule for every process (app, CLI, worker,
 * tests): DATABASE_URL when set, otherwise the embedded PostgreSQL under
 * .data/pg that `ensureEmbeddedPostgres()` starts.
 */
export const EMBEDDED_DB_NAME = "countersign";
const EMBEDDED_PASSWORD = "countersign-local";

export function embeddedConfig() {
  return {
    dataDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.EMBEDDED_PG_DIR ?? ".data/pg"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    user: "postgres",
    password: EMBEDDED_PASSWORD,
  };
}

export function usesEmbeddedDatabase(): boolean {
  return !process.env.DATABASE_URL;
}

export function embeddedUrl(database = EMBEDDED_DB_NAME): string {
  const c = embeddedConfig();
  return `postgres://${c.user}:${c.password}@127.0.0.1:${c.port}/${database}`;
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL || embeddedUrl();
}

/** The same server, another database (used to create and drop databases). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
