import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this file; it diffs the schema against the
// committed migrations and needs no database connection.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
