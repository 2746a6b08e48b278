import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    globalSetup: ["./tests/global-setup.ts"],
    setupFiles: ["./tests/setup-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      APP_SECRET: "test-secret-test-secret-test-secret-0123456789",
      NODE_ENV: "test",
      HOOK_ALLOWED_HOSTS: "",
    },
  },
});
