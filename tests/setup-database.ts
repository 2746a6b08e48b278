import crypto from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { withDatabase } from "@/db/connection";

// Runs before each test file: a database of its own, dropped afterwards.
const adminUrl = inject("adminUrl");
const name = `cs_test_${crypto.randomBytes(6).toString("hex")}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name} template ${inject("templateDatabase")}`);
process.env.DATABASE_URL = withDatabase(adminUrl, name);

afterAll(async () => {
  const { closeDatabase } = await import("@/db");
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss();
  await closeDatabase();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
