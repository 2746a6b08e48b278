import { eq, sql } from "drizzle-orm";
import { UnsecuredJWT, exportSPKI, generateKeyPair, importJWK } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, sqlClient } from "@/db";
import { credentials, nhis, workflows } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { revokeCredential } from "@/lib/domain/credentials/manage-credentials";
import { JIT_AUDIENCE } from "@/lib/domain/jit/claims";
import { verifyJitToken } from "@/lib/domain/jit/verify-jit-token";
import { getActiveSigningKey } from "@/lib/domain/keys/signing-keys";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { appUrl } from "@/lib/env";
import { mintedToken, nowSeconds, resign } from "./fixtures";

async function setup() {
  const m = await mintedToken();
  const expected = { nhiId: m.grant.nhiId, entitlementId: m.grant.id };
  return { ...m, expected, verify: (token: string) => verifyJitToken(token, expected) };
}

const invalid = { ok: false, reason: "jit_token_invalid" };

describe("[JIT] verification refuses every forged, foreign, stale or revoked token", () => {
  afterEach(() => vi.useRealTimers());

  it("accepts the genuine token, and a faithful re-signing with our key (the control for every case below)", async () => {
    const { minted, claims, verify } = await setup();
    expect(await verify(minted.token)).toEqual({ ok: true, jti: minted.jti });
    expect(await verify(await resign(claims))).toEqual({ ok: true, jti: minted.jti });
  });

  it("refuses alg none", async () => {
    const { claims, header, verify } = await setup();
    const unsigned = new UnsecuredJWT(claims).encode();
    expect(await verify(unsigned)).toEqual(invalid);
    // Same, with our kid in the header so the key lookup would succeed.
    const [, body] = unsigned.split(".");
    const withKid = `${Buffer.from(JSON.stringify({ alg: "none", kid: header.kid, typ: "JWT" })).toString("base64url")}.${body}.`;
    expect(await verify(withKid)).toEqual(invalid);
  });

  it("refuses HS256, even with our public key as the HMAC secret (algorithm confusion)", async () => {
    const { claims, verify } = await setup();
    const active = await getActiveSigningKey();
    const spki = await exportSPKI((await importJWK(active.publicJwk, "ES256", { extractable: true })) as CryptoKey);
    for (const secret of [spki, JSON.stringify(active.publicJwk), "secret"]) {
      const forged = await resign(claims, { header: { alg: "HS256" }, key: new TextEncoder().encode(secret) });
      expect(await verify(forged)).toEqual(invalid);
    }
  });

  it("refuses another asymmetric algorithm and a foreign ES256 key presenting our kid", async () => {
    const { claims, verify } = await setup();
    const foreign = await generateKeyPair("ES256");
    expect(await verify(await resign(claims, { key: foreign.privateKey }))).toEqual(invalid);
    const es384 = await generateKeyPair("ES384");
    expect(await verify(await resign(claims, { header: { alg: "ES384" }, key: es384.privateKey }))).toEqual(invalid);
    const rsa = await generateKeyPair("RS256");
    expect(await verify(await resign(claims, { header: { alg: "RS256" }, key: rsa.privateKey }))).toEqual(invalid);
  });

  it("refuses a wrong or missing kid, even when signed with our key", async () => {
    const { claims, verify } = await setup();
    expect(await verify(await resign(claims, { header: { kid: "0000000000000000" } }))).toEqual(invalid);
    expect(await verify(await resign(claims, { header: { kid: undefined } }))).toEqual(invalid);
  });

  it("refuses a wrong audience or issuer, and missing required claims", async () => {
    const { claims, verify } = await setup();
    expect(await verify(await resign(claims, { claims: { aud: "someone-else" } }))).toEqual(invalid);
    expect(await verify(await resign(claims, { claims: { aud: [JIT_AUDIENCE.toUpperCase()] } }))).toEqual(invalid);
    expect(await verify(await resign(claims, { claims: { iss: "https://evil.example" } }))).toEqual(invalid);
    expect(await verify(await resign(claims, { claims: { iss: `${appUrl()}/` } }))).toEqual(invalid);
    expect(await verify(await resign({ ...claims, exp: undefined }))).toEqual(invalid);
    expect(await verify(await resign({ ...claims, sub: undefined }))).toEqual(invalid);
  });

  it("refuses a tampered payload, a token we never recorded, and things that are not JWTs", async () => {
    const { minted, claims, verify } = await setup();
    const [h, , s] = minted.token.split(".");
    const widened = Buffer.from(JSON.stringify({ ...claims, actions: ["admin"] })).toString("base64url");
    expect(await verify(`${h}.${widened}.${s}`)).toEqual(invalid);
    expect(await verify(await resign(claims, { claims: { jti: crypto.randomUUID() } }))).toEqual(invalid);
    for (const junk of ["", "abc", "a.b.c", `${minted.token}x`, "x".repeat(20_000)]) expect(await verify(junk)).toEqual(invalid);
  });

  it("refuses a token one second past exp (jit_token_expired), accepts it one second before", async () => {
    const { minted, claims, verify } = await setup();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime((claims.exp! - 1) * 1000);
    expect(await verify(minted.token)).toEqual({ ok: true, jti: minted.jti });
    vi.setSystemTime(claims.exp! * 1000);
    expect(await verify(minted.token)).toEqual({ ok: false, reason: "jit_token_expired" });
    vi.setSystemTime((claims.exp! + 1) * 1000);
    expect(await verify(minted.token)).toEqual({ ok: false, reason: "jit_token_expired" });
  });

  it("refuses a token signed by us with exp = now − 1, and one whose credential row has expired", async () => {
    const { minted, claims, verify } = await setup();
    expect(await verify(await resign(claims, { claims: { exp: nowSeconds() - 1 } }))).toEqual({ ok: false, reason: "jit_token_expired" });
    await db.update(credentials).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(credentials.jti, minted.jti));
    expect(await verify(minted.token)).toEqual({ ok: false, reason: "jit_token_expired" });
  });

  it("refuses a token whose credential was revoked, or whose entitlement was revoked (jit_token_revoked)", async () => {
    const one = await setup();
    const [row] = await db.select({ id: credentials.id }).from(credentials).where(eq(credentials.jti, one.minted.jti));
    await revokeCredential(systemActor("test"), row!.id, "leaked in a log");
    expect(await one.verify(one.minted.token)).toEqual({ ok: false, reason: "jit_token_revoked" });

    const two = await setup();
    await revokeEntitlement(systemActor("test"), two.grant.id, "no longer needed");
    expect(await two.verify(two.minted.token)).toEqual({ ok: false, reason: "jit_token_revoked" });
  });

  it("refuses a token once its NHI or workflow is suspended (jit_token_revoked)", async () => {
    const one = await setup();
    await db.update(nhis).set({ status: "suspended" }).where(eq(nhis.id, one.grant.nhiId));
    expect(await one.verify(one.minted.token)).toEqual({ ok: false, reason: "jit_token_revoked" });
    const two = await setup();
    await db.update(workflows).set({ status: "suspended" }).where(eq(workflows.id, two.grant.workflowId));
    expect(await two.verify(two.minted.token)).toEqual({ ok: false, reason: "jit_token_revoked" });
  });

  it("refuses a valid token presented for another NHI or entitlement (jit_token_mismatch)", async () => {
    const { minted, grant } = await setup();
    const other = await mintedToken();
    expect(await verifyJitToken(minted.token, { nhiId: other.grant.nhiId, entitlementId: grant.id })).toEqual({ ok: false, reason: "jit_token_mismatch" });
    expect(await verifyJitToken(minted.token, { nhiId: grant.nhiId, entitlementId: other.grant.id })).toEqual({ ok: false, reason: "jit_token_mismatch" });
  });

  it("refuses a token signed before its nbf", async () => {
    const { claims, verify } = await setup();
    expect(await verify(await resign(claims, { claims: { nbf: nowSeconds() + 60 } }))).toEqual(invalid);
  });

  it("checks the credential in one database round trip", async () => {
    const { minted, verify } = await setup();
    // postgres.js reports every query it sends to `options.debug`.
    const options = sqlClient().options as { debug?: unknown };
    const queries: string[] = [];
    const previous = options.debug;
    options.debug = (_connection: number, query: string) => queries.push(query);
    try {
      expect(await verify(minted.token)).toEqual({ ok: true, jti: minted.jti });
    } finally {
      options.debug = previous;
    }
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/signing_keys[\s\S]*credentials[\s\S]*entitlements[\s\S]*nhis[\s\S]*workflows/);
  });
});
