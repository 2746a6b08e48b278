import crypto from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { embeddedUrl, withDatabase } from "@/db/connection";
import { migrateDatabase } from "@/db/migrate";

/**
 * One migrated template database per run; every test file then gets its own
 * fresh copy (CREATE DATABASE … TEMPLATE is a fast file copy). Uses the
 * DATABASE_URL server when set, else an embedded PostgreSQL of its own.
 */
export default async function setup(project: TestProject) {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.env.EMBEDDED_PG_DIR ??= ".data/pg-test";
    process.env.EMBEDDED_PG_PORT ??= "54330";
    const { ensureEmbeddedPostgres, stopEmbeddedPostgres } = await import("@/db/embedded");
    await ensureEmbeddedPostgres();
    stopEmbedded = stopEmbeddedPostgres;
    serverUrl = embeddedUrl("postgres");
  }
  const adminUrl = withDatabase(serverUrl, "postgres");
  const template = `cs_template_${crypto.randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${template}`);
  await migrateDatabase(withDatabase(adminUrl, template));
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", template);

  return async () => {
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
    await stopEmbedded?.();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}
