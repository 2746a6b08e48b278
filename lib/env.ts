import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "true" || v === "1"));

const positiveInt = z.coerce.number().int().positive();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NEXTAUTH_URL: z.url().optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().default("Single sign-on"),
    DEV_SIGN_IN: flag,
    RUN_WORKER: flag,
    HOOK_ALLOWED_HOSTS: z.string().default(""),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    SMTP_FROM: z.string().default("Countersign <countersign@localhost>"),
    // The decision point (`npm run pdp`) and the decision path; see lib/pdp/server.ts and BENCHMARKS.md.
    DB_POOL_MAX: positiveInt.optional(),
    PDP_PORT: z.coerce.number().int().min(0).max(65_535).default(8181),
    PDP_HOST: z.string().min(1).default("127.0.0.1"),
    PDP_PUBLIC_URL: z.url().optional(),
    PDP_ACCESS_CACHE: z.enum(["on", "off"]).default("on"),
    // One process per core by default (a Node process decides on one core, and the decision point is CPU-bound), at
    // most 4: each opens up to DB_POOL_MAX + 1 connections, and a big machine must not exhaust max_connections unasked.
    PDP_WORKERS: positiveInt.max(64).default(() => Math.min(4, os.availableParallelism())),
    DECISION_DEADLINE_MS: positiveInt.max(60_000).default(2_000),
    DECISION_BATCH_IN_FLIGHT: positiveInt.max(16).default(2),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together",
      });
    }
    if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.APP_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_SECRET"],
        message: "is required in production with an external DATABASE_URL (it encrypts keys and signs sessions)",
      });
    }
  });

export type Env = z.infer<typeof schema> & { APP_SECRET: string };

let cached: Env | undefined;

/** Parses process.env once; a bad value fails with a message naming the variable. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Parses an environment; throws an error that names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return { ...parsed.data, APP_SECRET: parsed.data.APP_SECRET ?? localAppSecret() };
}

/**
 * Zero-setup installs (embedded database, no APP_SECRET) get a random secret
 * generated once and kept beside the data directory, readable by root only.
 */
function localAppSecret(): string {
  const file = path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.EMBEDDED_PG_DIR ?? ".data/pg", "..", "app-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return fs.readFileSync(file, "utf8").trim(); // another process won the race
  }
}

export function devSignInEnabled(): boolean {
  const e = env();
  return e.DEV_SIGN_IN ?? e.NODE_ENV !== "production";
}

export function oidcConfigured(): boolean {
  return Boolean(env().OIDC_ISSUER);
}

/** Keys derived from APP_SECRET for separate purposes, so no two uses share a key. */
export function derivedKey(purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", env().APP_SECRET, "countersign", purpose, 32));
}

/** The public base URL of this deployment (token issuer, links in e-mails). */
export function appUrl(): string {
  return (env().NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}
