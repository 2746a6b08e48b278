import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * E2E runs the production build against a database of its own: a fresh
 * database on the DATABASE_URL server when set, otherwise a fresh embedded
 * PostgreSQL (the zero-setup path, exactly as `npm start` uses it).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
// Decided once in the runner process; workers inherit the decision through the
// environment (they must not re-decide after fixtures have set DATABASE_URL).
if (!process.env.E2E_DATABASE_DECIDED) {
  process.env.E2E_DATABASE_DECIDED = "1";
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/cs_e2e_${Date.now().toString(36)}`;
    process.env.E2E_DATABASE_URL = url.toString();
  } else {
    process.env.EMBEDDED_PG_DIR ??= ".data/pg-e2e";
    process.env.EMBEDDED_PG_PORT ??= "54331";
  }
}

const chromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: fs.existsSync(chromium) ? chromium : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "tsx scripts/e2e-server.ts",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
