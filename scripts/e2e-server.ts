import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { withDatabase } from "@/db/connection";

/**
 * Starts the production server for Playwright on a database nobody else uses.
 * With E2E_DATABASE_URL: create that database and seed it. Without: wipe the
 * e2e embedded data directory so the app's own first-start path (embedded
 * PostgreSQL, migrations, demo seed) is what gets tested.
 */
const port = process.env.E2E_PORT ?? "3100";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DEV_SIGN_IN: "true",
  NEXTAUTH_URL: `http://localhost:${port}`,
  APP_SECRET: process.env.APP_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-0123456789",
  // The e2e hook receiver listens here (e2e/revocation.spec.ts).
  HOOK_ALLOWED_HOSTS: process.env.HOOK_ALLOWED_HOSTS ?? "127.0.0.1:3999",
};

if (process.env.E2E_DATABASE_URL) {
  const url = process.env.E2E_DATABASE_URL;
  const name = new URL(url).pathname.slice(1);
  const admin = postgres(withDatabase(url, "postgres"), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  env.DATABASE_URL = url;
  const seed = spawn("npx", ["tsx", "scripts/db-seed.ts"], { env, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => seed.on("exit", resolve));
  if (code !== 0) process.exit(code ?? 1);
} else {
  delete env.DATABASE_URL;
  const dir = path.resolve(env.EMBEDDED_PG_DIR ?? ".data/pg-e2e");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(`${dir}.owner`, { force: true });
}

const server = spawn("npx", ["next", "start", "--port", port], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
