import crypto from "node:crypto";
import { inspect } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import * as revokeRoute from "@/app/api/v1/credentials/[id]/revoke/route";
import * as rotateRoute from "@/app/api/v1/credentials/[id]/rotate/route";
import * as credentialsRoute from "@/app/api/v1/identities/[id]/credentials/route";
import { db } from "@/db";
import { createCredential, createEntitlement, createNhi } from "@/db/seed/factories";
import { auditEvents, credentials } from "@/db/schema";
import { call, userWithKey } from "@/tests/helpers";
import { fingerprintSecret } from "./fingerprint";

/** A canary: long and random enough that finding it anywhere means it leaked. */
const newSecret = () => `sk_canary_${crypto.randomBytes(24).toString("hex")}`;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** Runs `fn` with every console method and both output streams captured. */
async function captured<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const out: string[] = [];
  const record = (...args: unknown[]) => void out.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 20 }))).join(" "));
  const spies = [
    ...(["log", "info", "warn", "error", "debug", "trace"] as const).map((m) => vi.spyOn(console, m).mockImplementation(record)),
    vi.spyOn(process.stdout, "write").mockImplementation(((chunk: unknown) => (record(String(chunk)), true)) as typeof process.stdout.write),
    vi.spyOn(process.stderr, "write").mockImplementation(((chunk: unknown) => (record(String(chunk)), true)) as typeof process.stderr.write),
  ];
  try {
    return { result: await fn(), output: out.join("\n") };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** Every row of every table outside the system schemas, as JSON text. */
async function dumpDatabase() {
  const tables = await db.execute<{ s: string; t: string }>(sql`
    select table_schema as s, table_name as t from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`);
  const names = tables.map((r) => `${r.s}.${r.t}`);
  expect(names).toEqual(expect.arrayContaining(["public.credentials", "public.audit_events", "public.idempotency_keys", "public.nhis"]));
  const rows: string[] = [];
  for (const { s, t } of tables) {
    const found = await db.execute<{ j: string }>(sql`select row_to_json(x)::text as j from ${sql.identifier(s)}.${sql.identifier(t)} x`);
    rows.push(...found.map((r) => r.j));
  }
  return rows.join("\n");
}

async function expectNowhere(secrets: string[], output: string, ...responses: unknown[]) {
  const database = await dumpDatabase();
  for (const secret of secrets) {
    const core = secret.slice(10, 40);
    for (const [where, text] of [["database", database], ["console output", output], ["response", JSON.stringify(responses)]] as const) {
      expect(text.includes(secret), `secret found in ${where}`).toBe(false);
      expect(text.includes(core), `part of the secret found in ${where}`).toBe(false);
    }
  }
}

async function setup() {
  const owner = await userWithKey(["identity_owner"]);
  const nhi = await createNhi(db);
  const register = (body: unknown, headers: Record<string, string> = {}) =>
    call(credentialsRoute.POST, { method: "POST", path: `/api/v1/identities/${nhi.id}/credentials`, apiKey: owner.key, params: { id: nhi.id }, body, headers });
  const rotate = (id: string, body: unknown) =>
    call(rotateRoute.POST, { method: "POST", path: `/api/v1/credentials/${id}/rotate`, apiKey: owner.key, params: { id }, body });
  const revoke = (id: string, body: unknown = {}) =>
    call(revokeRoute.POST, { method: "POST", path: `/api/v1/credentials/${id}/revoke`, apiKey: owner.key, params: { id }, body });
  return { owner, nhi, register, rotate, revoke };
}

const stored = async (id: string) => (await db.select().from(credentials).where(eq(credentials.id, id)))[0]!;
const credentialCount = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(credentials))[0]!.n;

describe("[CREDENTIALS] secrets are fingerprinted on arrival and never kept", () => {
  it("the leak detectors themselves catch a logged or stored secret (so a pass is not vacuous)", async () => {
    const s = await setup();
    const secret = newSecret();
    const { output } = await captured(async () => {
      console.debug({ body: { nested: [secret] } });
      process.stdout.write(`x${secret}\n`);
    });
    expect(output).toContain(secret);
    await db.execute(sql`update nhis set description = ${`pasted ${secret}`} where id = ${s.nhi.id}`);
    expect(await dumpDatabase()).toContain(secret);
    await db.execute(sql`update nhis set description = '' where id = ${s.nhi.id}`);
    expect(await dumpDatabase()).not.toContain(secret);
  });

  it("registering with a secret stores only its SHA256 fingerprint; the secret is nowhere (database, logs, idempotent replay)", async () => {
    const s = await setup();
    const secret = newSecret();
    const body = { kind: "api_key", name: "Billing export key", secret, location: "vault://kv/billing", expiresAt: "2099-01-01T00:00:00Z" };
    const headers = { "idempotency-key": `reg-${crypto.randomUUID()}` };
    const { result, output } = await captured(async () => [await s.register(body, headers), await s.register(body, headers)] as const);
    const [first, replay] = result;
    expect(first.status).toBe(201);
    expect(first.body!.fingerprint).toBe(fingerprintSecret(secret));
    expect(first.body!.fingerprint).toMatch(FINGERPRINT);
    expect(first.body).not.toHaveProperty("secret");
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.body!.id).toBe(first.body!.id);

    const row = await stored(first.body!.id);
    expect(row).toMatchObject({ nhiId: s.nhi.id, fingerprint: fingerprintSecret(secret), status: "active", kind: "api_key" });
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "credential.registered"), eq(auditEvents.targetId, row.id)));
    expect(event!.after).toMatchObject({ fingerprint: fingerprintSecret(secret) });
    const [idem] = await db.execute<{ n: number }>(sql`select count(*)::int as n from idempotency_keys where key = ${headers["idempotency-key"]}`);
    expect(idem!.n).toBe(1);
    await expectNowhere([secret], output, first.body, replay.body);
  });

  it.each([
    ["a bad expiresAt", (secret: string) => ({ kind: "api_key", name: "k", secret, expiresAt: "next tuesday" }), "expiresAt"],
    ["expiresAt before issuedAt", (secret: string) => ({ kind: "api_key", name: "k", secret, issuedAt: "2030-01-02T00:00:00Z", expiresAt: "2030-01-01T00:00:00Z" }), "expiresAt"],
    ["both a fingerprint and a secret", (secret: string) => ({ kind: "api_key", name: "k", secret, fingerprint: "SHA256:abcdefghijkl" }), "secret"],
    ["a bad kind", (secret: string) => ({ kind: "password", name: "k", secret }), "kind"],
    ["an unknown field", (secret: string) => ({ kind: "api_key", name: "k", secret, note: "x" }), "(body)"],
    ["a secret that is too long", (secret: string) => ({ kind: "api_key", name: "k", secret: secret.repeat(400) }), "secret"],
  ] as const)("a request failing validation (%s) answers 422 without echoing the secret, and writes nothing", async (_, build, field) => {
    const s = await setup();
    const secret = newSecret();
    const before = await credentialCount();
    const { result: res, output } = await captured(() => s.register(build(secret), { "idempotency-key": crypto.randomUUID() }));
    expect(res.status).toBe(422);
    expect(res.body!.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await credentialCount()).toBe(before);
    await expectNowhere([secret], output, res.body);
  });

  it("rotating with a new secret: the old one is `rotated` and points at the new one, which carries the new fingerprint", async () => {
    const s = await setup();
    const [oldSecret, newOne] = [newSecret(), newSecret()];
    const { result, output } = await captured(async () => {
      const reg = await s.register({ kind: "client_secret", name: "OAuth client", secret: oldSecret });
      const same = await s.rotate(reg.body!.id, { secret: oldSecret });
      const rot = await s.rotate(reg.body!.id, { secret: newOne, reason: "quarterly rotation" });
      return { reg, same, rot };
    });
    expect(result.same.status).toBe(422);
    expect(result.rot.status).toBe(200);
    const { rotated, replacement } = result.rot.body!;
    expect(rotated).toMatchObject({ id: result.reg.body!.id, status: "rotated", replacedById: replacement.id });
    expect(replacement).toMatchObject({ status: "active", fingerprint: fingerprintSecret(newOne), nhiId: s.nhi.id, kind: "client_secret" });
    expect(await stored(result.reg.body!.id)).toMatchObject({ status: "rotated", replacedById: replacement.id, fingerprint: fingerprintSecret(oldSecret) });
    expect(await stored(replacement.id)).toMatchObject({ status: "active", fingerprint: fingerprintSecret(newOne) });
    expect(fingerprintSecret(newOne)).not.toBe(fingerprintSecret(oldSecret));
    await expectNowhere([oldSecret, newOne], output, result.reg.body, result.same.body, result.rot.body);
  });

  it("a rotation failing validation does not echo the secret", async () => {
    const s = await setup();
    const cred = await createCredential(db, { nhiId: s.nhi.id });
    const secret = newSecret();
    const { result: res, output } = await captured(() => s.rotate(cred.id, { secret, expiresAt: "soon" }));
    expect(res.status).toBe(422);
    expect((await stored(cred.id)).status).toBe("active");
    await expectNowhere([secret], output, res.body);
  });

  it("revoke → revoked; twice → a no-op (`revoked: false`), one credential.revoked event", async () => {
    const s = await setup();
    const cred = await createCredential(db, { nhiId: s.nhi.id });
    const first = await s.revoke(cred.id, { reason: "leaked in a log" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ revoked: true, credential: { id: cred.id, status: "revoked" } });
    const second = await s.revoke(cred.id, { reason: "again" });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ revoked: false, credential: { id: cred.id, status: "revoked" } });
    expect(await stored(cred.id)).toMatchObject({ status: "revoked", revokedById: s.owner.user.id, revokeReason: "leaked in a log" });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "credential.revoked"), eq(auditEvents.targetId, cred.id)));
    expect(events).toHaveLength(1);
  });

  it("rotating a revoked or an already rotated credential is a 409 and creates nothing", async () => {
    const s = await setup();
    const cred = await createCredential(db, { nhiId: s.nhi.id });
    await s.revoke(cred.id);
    const before = await credentialCount();
    const res = await s.rotate(cred.id, { secret: newSecret() });
    expect(res.status).toBe(409);
    expect(await credentialCount()).toBe(before);

    const live = await createCredential(db, { nhiId: s.nhi.id });
    expect((await s.rotate(live.id, { secret: newSecret() })).status).toBe(200);
    const count = await credentialCount();
    expect((await s.rotate(live.id, { secret: newSecret() })).status).toBe(409);
    expect(await credentialCount()).toBe(count);
  });

  it("an entitlementId of another NHI is a 422 on `entitlementId`; one of this NHI is accepted", async () => {
    const s = await setup();
    const foreign = await createEntitlement(db);
    const before = await credentialCount();
    const res = await s.register({ kind: "token", name: "Scoped token", fingerprint: "SHA256:scoped-token-1", entitlementId: foreign.id });
    expect(res.status).toBe(422);
    expect(res.body!.errors).toEqual([{ path: "entitlementId", message: expect.any(String) }]);
    expect(await credentialCount()).toBe(before);

    const own = await createEntitlement(db, { nhiId: s.nhi.id });
    const ok = await s.register({ kind: "token", name: "Scoped token", fingerprint: "SHA256:scoped-token-2", entitlementId: own.id });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ entitlementId: own.id, nhiId: s.nhi.id, fingerprint: "SHA256:scoped-token-2" });
  });
});
