import { eq, sql } from "drizzle-orm";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import * as mintRoute from "@/app/api/v1/credentials/jit/route";
import { db } from "@/db";
import { credentials, signingKeys } from "@/db/schema";
import { createEntitlement, createNhi, createWorkflow } from "@/db/seed/factories";
import { JIT_AUDIENCE } from "@/lib/domain/jit/claims";
import { jitTtlSeconds, mintJitToken } from "@/lib/domain/jit/mint-jit-token";
import { verifyJitToken } from "@/lib/domain/jit/verify-jit-token";
import { appUrl } from "@/lib/env";
import { call, userWithKey } from "../helpers";
import { identityOwner, mintedToken, nowSeconds } from "./fixtures";

const task = "reconcile the monthly ledger";

describe("[JIT] minting", () => {
  it("mints an ES256 JWT bound to NHI, workflow, data set, actions and task, which then verifies", async () => {
    const { grant, minted, claims, header } = await mintedToken({ actions: ["read", "write"] });
    expect(minted).toMatchObject({ tokenType: "Bearer", jti: claims.jti });
    expect(header).toMatchObject({ alg: "ES256", typ: "JWT" });
    expect(header.kid).toMatch(/^[0-9a-f]{16}$/);
    expect(claims).toMatchObject({
      iss: appUrl(),
      sub: grant.nhiId,
      aud: JIT_AUDIENCE,
      workflow: grant.workflowId,
      entitlement: grant.id,
      data_sets: [grant.dataSetId],
      actions: ["read", "write"],
      task: "summarise the weekly claims",
    });
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(minted.expiresAt.getTime()).toBe(claims.exp! * 1000);
    expect(await verifyJitToken(minted.token, { nhiId: grant.nhiId, entitlementId: grant.id })).toEqual({ ok: true, jti: claims.jti });
  });

  it("records the token as a jit_token credential (fingerprint only) and raises the key's verifyUntil to its expiry", async () => {
    const { grant, minted, header } = await mintedToken();
    const [row] = await db.select().from(credentials).where(eq(credentials.jti, minted.jti));
    expect(row).toMatchObject({ kind: "jit_token", status: "active", nhiId: grant.nhiId, entitlementId: grant.id, name: "JIT token for summarise the weekly claims" });
    expect(row!.expiresAt).toEqual(minted.expiresAt);
    expect(row!.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const [key] = await db.select().from(signingKeys).where(eq(signingKeys.kid, header.kid!));
    expect(key!.verifyUntil!.getTime()).toBeGreaterThanOrEqual(minted.expiresAt.getTime());
  });

  it("caps the TTL: utility 3600 s, privileged 900 s, and the entitlement's and workflow's own caps", async () => {
    const ttl = async (overrides: Parameters<typeof mintedToken>[0], requested?: number) => {
      const { claims } = await mintedToken(overrides, requested);
      return claims.exp! - claims.iat!;
    };
    expect(await ttl({}, 86_400)).toBe(3600);
    expect(await ttl({}, 120)).toBe(120);
    const privileged = await createNhi(db, { classification: "privileged" });
    expect(await ttl({ nhiId: privileged.id }, 3600)).toBe(900);
    const privileged2 = await createNhi(db, { classification: "privileged" });
    expect(await ttl({ nhiId: privileged2.id })).toBe(900);
    expect(await ttl({ maxTtlSeconds: 300 }, 3600)).toBe(300);
    const capped = await createWorkflow(db, { maxJitTtlSeconds: 600 });
    expect(await ttl({ workflowId: capped.id })).toBe(600);
    expect(jitTtlSeconds({ requested: 50, entitlementMax: 40, workflowMax: 30, classification: "privileged" })).toBe(30);
  });

  it("never outlives its entitlement", async () => {
    const { claims } = await mintedToken({ expiresAt: new Date(Date.now() + 90_000) });
    expect(claims.exp! - nowSeconds()).toBeLessThanOrEqual(90);
  });

  it("refuses a non-JIT, pending, revoked or expired entitlement and a suspended NHI or workflow (409), an unknown one (404)", async () => {
    const actor = await identityOwner();
    const jitCount = async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from credentials where kind = 'jit_token'`))[0]!.n;
    const before = await jitCount();
    const refused = async (overrides: Parameters<typeof createEntitlement>[1]) => {
      const grant = await createEntitlement(db, { jit: true, ...overrides });
      return mintJitToken(actor, { entitlementId: grant.id, task }).then(
        () => null,
        (e: { code: string; message: string }) => e,
      );
    };
    expect(await refused({ jit: false })).toMatchObject({ code: "conflict", message: expect.stringMatching(/not a JIT entitlement/) });
    expect(await refused({ status: "pending" })).toMatchObject({ code: "conflict", message: expect.stringMatching(/is pending/) });
    expect(await refused({ status: "revoked" })).toMatchObject({ code: "conflict", message: expect.stringMatching(/is revoked/) });
    expect(await refused({ status: "expired" })).toMatchObject({ code: "conflict", message: expect.stringMatching(/is expired/) });
    expect(await refused({ expiresAt: new Date(Date.now() - 1000) })).toMatchObject({ code: "conflict", message: expect.stringMatching(/has expired/) });
    const suspendedNhi = await createNhi(db, { status: "suspended" });
    expect(await refused({ nhiId: suspendedNhi.id })).toMatchObject({ code: "conflict", message: expect.stringMatching(/NHI is suspended/) });
    const suspendedWorkflow = await createWorkflow(db, { status: "suspended" });
    expect(await refused({ workflowId: suspendedWorkflow.id })).toMatchObject({ code: "conflict", message: expect.stringMatching(/workflow is suspended/) });
    await expect(mintJitToken(actor, { entitlementId: crypto.randomUUID(), task })).rejects.toMatchObject({ code: "not_found" });
    expect(await jitCount()).toBe(before);
  });

  it("POST /api/v1/credentials/jit → 201 for an identity owner, 403 for other roles, 422 for a bad body", async () => {
    const grant = await createEntitlement(db, { jit: true });
    const { key } = await userWithKey(["identity_owner"]);
    const res = await call(mintRoute.POST, { method: "POST", apiKey: key, body: { entitlementId: grant.id, ttlSeconds: 60, task } });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toMatchObject({ tokenType: "Bearer", jti: expect.any(String), expiresAt: expect.any(String) });
    expect(decodeProtectedHeader(res.body!.token as string).alg).toBe("ES256");
    expect(decodeJwt(res.body!.token as string).sub).toBe(grant.nhiId);

    for (const role of ["business_owner", "auditor", "admin"] as const) {
      const other = await userWithKey([role]);
      const denied = await call(mintRoute.POST, { method: "POST", apiKey: other.key, body: { entitlementId: grant.id, task } });
      expect(denied.status, role).toBe(403);
    }
    const readOnly = await userWithKey(["identity_owner"], ["read"]);
    expect((await call(mintRoute.POST, { method: "POST", apiKey: readOnly.key, body: { entitlementId: grant.id, task } })).status).toBe(403);

    const bad = async (body: unknown) => (await call(mintRoute.POST, { method: "POST", apiKey: key, body })).status;
    expect(await bad({ entitlementId: grant.id, task: "ab" })).toBe(422);
    expect(await bad({ entitlementId: grant.id })).toBe(422);
    expect(await bad({ entitlementId: grant.id, task, ttlSeconds: 0 })).toBe(422);
    expect(await bad({ entitlementId: grant.id, task, ttlSeconds: 1.5 })).toBe(422);
    expect(await bad({ entitlementId: grant.id, task, scope: "admin" })).toBe(422);
    expect(await bad({ entitlementId: "nope", task })).toBe(422);
    expect(await bad({ entitlementId: crypto.randomUUID(), task })).toBe(404);
  });

  it("stores the token nowhere: not in credentials, audit events, or any table (idempotency store included)", async () => {
    const grant = await createEntitlement(db, { jit: true });
    const { key } = await userWithKey(["identity_owner"]);
    const res = await call(mintRoute.POST, { method: "POST", apiKey: key, body: { entitlementId: grant.id, task }, headers: { "idempotency-key": "mint-1" } });
    expect(res.status).toBe(201);
    const token = res.body!.token as string;
    const signature = token.split(".")[2]!;
    for (const table of ["credentials", "audit_events"]) {
      const [hit] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} x where strpos(row_to_json(x)::text, ${signature}) > 0`,
      );
      expect(hit!.n, table).toBe(0);
    }
    const tables = await db.execute<{ s: string; t: string }>(
      sql`select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    for (const { s, t } of tables) {
      const [hit] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(s)}.${sql.identifier(t)} x where strpos(row_to_json(x)::text, ${signature}) > 0`,
      );
      expect(hit!.n, `${s}.${t}`).toBe(0);
    }
    const [audit] = await db.execute<{ action: string; after: Record<string, unknown> }>(
      sql`select action, after from audit_events where action = 'credential.jit_minted' order by seq desc limit 1`,
    );
    expect(audit!.after).toMatchObject({ jti: res.body!.jti, entitlementId: grant.id, task });
  });
});
