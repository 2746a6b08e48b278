import crypto from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as jwksRoute from "@/app/.well-known/jwks.json/route";
import * as restoreRoute from "@/app/api/v1/entitlements/[id]/restore/route";
import * as revokeRoute from "@/app/api/v1/entitlements/[id]/revoke/route";
import * as hookRoute from "@/app/api/v1/hooks/[id]/route";
import * as rotateRoute from "@/app/api/v1/hooks/[id]/rotate-secret/route";
import * as replayRoute from "@/app/api/v1/hooks/deliveries/[id]/replay/route";
import * as hooksRoute from "@/app/api/v1/hooks/route";
import * as identityRevokeRoute from "@/app/api/v1/identities/[id]/revoke/route";
import * as revocationRestoreRoute from "@/app/api/v1/revocations/[id]/restore/route";
import * as revokeAllRoute from "@/app/api/v1/workflows/[id]/revoke-all/route";
import { db } from "@/db";
import { createEntitlement, createWorkflow } from "@/db/seed/factories";
import { entitlements, hooks, revocations } from "@/db/schema";
import { call, userWithKey } from "../helpers";

const PUBLIC_URL = "https://93.184.216.34/hook";
const post = (handler: Parameters<typeof call>[0], apiKey: string, id: string, body?: unknown) => call(handler, { method: "POST", apiKey, params: { id }, body });
const paths = (res: { body: Record<string, any> | null }) => ((res.body!.errors ?? []) as { path: string }[]).map((e) => e.path);

/** Every row of every table (all schemas, pg-boss included) that contains `needle`. */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await db.execute<{ s: string; t: string }>(
    sql`select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const hits: string[] = [];
  for (const { s, t } of tables) {
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(s)}.${sql.identifier(t)} x where strpos(row_to_json(x)::text, ${needle}) > 0`);
    if (row!.n > 0) hits.push(`${s}.${t}`);
  }
  return hits;
}

describe("[REVOCATION] API", () => {
  it("POST /entitlements/{id}/revoke → 200 with revocationId and undoUntil; the restore undoes it", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const grant = await createEntitlement(db);
    const res = await post(revokeRoute.POST, key, grant.id, { reason: "incident 42" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revoked: true, entitlements: 1 });
    expect(res.body!.revocationId).toMatch(/^[0-9a-f-]{36}$/);
    const undoIn = Date.parse(res.body!.undoUntil) - Date.now();
    expect(undoIn).toBeGreaterThan(25_000);
    expect(undoIn).toBeLessThanOrEqual(30_000);
    expect((await db.select().from(entitlements).where(eq(entitlements.id, grant.id)))[0]).toMatchObject({ status: "revoked", revokeReason: "incident 42" });

    const again = await post(revokeRoute.POST, key, grant.id, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revoked: false, revocationId: null });

    const restored = await post(restoreRoute.POST, key, grant.id);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ restored: true, revocationId: res.body!.revocationId });
    expect((await db.select().from(entitlements).where(eq(entitlements.id, grant.id)))[0]!.status).toBe("active");
  });

  it("restore after the undo window → 409 problem+json, and the entitlement stays revoked", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const grant = await createEntitlement(db);
    const { body } = await post(revokeRoute.POST, key, grant.id, {});
    await db.update(revocations).set({ undoUntil: new Date(Date.now() - 1_000) }).where(eq(revocations.id, body!.revocationId));
    for (const res of [await post(restoreRoute.POST, key, grant.id), await post(revocationRestoreRoute.POST, key, body!.revocationId)]) {
      expect(res.status).toBe(409);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body).toMatchObject({ status: 409, title: "Conflict" });
      expect(res.body!.detail).toMatch(/undo window/);
    }
    expect((await db.select().from(entitlements).where(eq(entitlements.id, grant.id)))[0]!.status).toBe("revoked");
  });

  it("unknown or malformed ids → 404 problem+json on every revocation route", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const unknown = crypto.randomUUID();
    for (const [handler, id] of [
      [revokeRoute.POST, unknown],
      [restoreRoute.POST, unknown],
      [identityRevokeRoute.POST, unknown],
      [revokeAllRoute.POST, unknown],
      [revocationRestoreRoute.POST, unknown],
      [replayRoute.POST, unknown],
      [revokeRoute.POST, "not-a-uuid"],
    ] as const) {
      const res = await post(handler, key, id, handler === restoreRoute.POST || handler === revocationRestoreRoute.POST || handler === replayRoute.POST ? undefined : {});
      expect(res.status, `${id}`).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("an auditor or another workflow's business owner gets 403 and nothing changes", async () => {
    const auditor = await userWithKey(["auditor"], ["read", "write"]);
    const stranger = await userWithKey(["business_owner"]);
    await createWorkflow(db, { businessOwnerId: stranger.user.id });
    const grant = await createEntitlement(db);
    for (const key of [auditor.key, stranger.key]) {
      expect((await post(revokeRoute.POST, key, grant.id, {})).status).toBe(403);
      expect((await post(revokeAllRoute.POST, key, grant.workflowId, {})).status).toBe(403);
    }
    expect((await db.select().from(entitlements).where(eq(entitlements.id, grant.id)))[0]!.status).toBe("active");
    expect(await db.select().from(revocations).where(inArray(revocations.targetId, [grant.id, grant.workflowId]))).toHaveLength(0);
  });
});

describe("[HOOKS] API", () => {
  it("a private, loopback or metadata URL → 422 naming url, and no hook is written", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const before = (await db.select().from(hooks)).length;
    for (const url of ["http://127.0.0.1:8080/hook", "http://169.254.169.254/latest/meta-data", "http://10.0.0.5/", "http://localhost/", "http://[::1]/"]) {
      const res = await call(hooksRoute.POST, { method: "POST", apiKey: key, body: { name: "bad", url, events: ["entitlement.revoked"] } });
      expect(res.status, url).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(paths(res)).toEqual(["url"]);
    }
    expect(await db.select().from(hooks)).toHaveLength(before);
  });

  it("the whsec_ secret is returned once at creation and never again: not by GET, PATCH, nor stored in plaintext", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const created = await call(hooksRoute.POST, { method: "POST", apiKey: key, body: { name: "siem", url: PUBLIC_URL, events: ["entitlement.revoked", "credential.revoked"] } });
    expect(created.status).toBe(201);
    const secret = created.body!.secret as string;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{20,}=*$/);
    expect(created.body).toMatchObject({ url: PUBLIC_URL, format: "standard-webhooks", active: true });
    expect(created.body).not.toHaveProperty("secretEncrypted");
    const raw = secret.slice("whsec_".length);

    const list = await call(hooksRoute.GET, { apiKey: key, path: "/api/v1/hooks" });
    const one = await call(hookRoute.GET, { apiKey: key, params: { id: created.body!.id } });
    const patched = await call(hookRoute.PATCH, { method: "PATCH", apiKey: key, params: { id: created.body!.id }, body: { name: "siem-2" } });
    for (const res of [list, one, patched]) {
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(raw);
      expect(text).not.toMatch(/"secret"|secretEncrypted|previousSecretEncrypted/);
    }
    expect((list.body!.items as { id: string }[]).map((h) => h.id)).toContain(created.body!.id);
    expect(await tablesContaining(raw)).toEqual([]);

    const rotated = await post(rotateRoute.POST, key, created.body!.id, { graceHours: 1 });
    expect(rotated.status).toBe(200);
    expect(rotated.body!.secret).toMatch(/^whsec_/);
    expect(rotated.body!.rotating).toBe(true);
    expect(await tablesContaining(rotated.body!.secret.slice("whsec_".length))).toEqual([]);
  });

  it("with an Idempotency-Key, neither a new hook's secret nor a rotated one is left in plaintext (idempotency store)", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const request = {
      method: "POST",
      apiKey: key,
      headers: { "idempotency-key": crypto.randomUUID() },
      body: { name: "retrying client", url: PUBLIC_URL, events: ["identity.revoked"] },
    };
    const created = await call(hooksRoute.POST, request);
    expect(created.status).toBe(201);
    const replayed = await call(hooksRoute.POST, request);
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(replayed.body!.id).toBe(created.body!.id);
    expect(created.body!.secret).toMatch(/^whsec_/);
    expect(await tablesContaining((created.body!.secret as string).slice("whsec_".length))).toEqual([]);
    const rotated = await call(rotateRoute.POST, {
      method: "POST",
      apiKey: key,
      params: { id: created.body!.id },
      headers: { "idempotency-key": crypto.randomUUID() },
      body: { graceHours: 0 },
    });
    expect(rotated.status).toBe(200);
    expect(await tablesContaining((rotated.body!.secret as string).slice("whsec_".length))).toEqual([]);
  });

  it("GET /.well-known/jwks.json is public and returns an ES256 P-256 key with a kid and no private part", async () => {
    const res = await call(jwksRoute.GET, { path: "/.well-known/jwks.json" });
    expect(res.status).toBe(200);
    const keys = res.body!.keys as Record<string, unknown>[];
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(keys[0]).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(keys[0]!.kid).toEqual(expect.any(String));
    for (const k of keys) expect(k).not.toHaveProperty("d");
    const again = await call(jwksRoute.GET, { path: "/.well-known/jwks.json" });
    expect((again.body!.keys as { kid: string }[]).map((k) => k.kid)).toEqual(keys.map((k) => k.kid));
  });
});
