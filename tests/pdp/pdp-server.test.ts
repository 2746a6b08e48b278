import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { createEntitlement } from "@/db/seed/factories";
import { apiKeys, decisions } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { revokeApiKey } from "@/lib/domain/api-keys/api-keys";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { ApiKeyCache } from "@/lib/pdp/api-key-cache";
import { type PdpServer, createPdpServer } from "@/lib/pdp/server";
import { userWithKey } from "../helpers";

let pdp: PdpServer;
let base: string;

beforeAll(async () => {
  pdp = createPdpServer({ publicUrl: "https://pdp.example.test/" });
  base = `http://127.0.0.1:${await pdp.listen(0)}`;
});
afterAll(() => pdp.close());

type Answer = { status: number; headers: Headers; body: Record<string, any> };
async function send(path: string, init: { method?: string; key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json", ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? "POST",
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

async function world() {
  const { key, user } = await userWithKey(["identity_owner"], ["authorize"]);
  const grant = await createEntitlement(db, { actions: ["read"] });
  const question = { subject: { type: "nhi", id: grant.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: grant.dataSetId } };
  return { key, user, grant, question };
}

describe("[PDP] lean decision point: errors as problem+json", () => {
  it("401 without a key or with an unknown key, 403 for a key without the authorize scope", async () => {
    const w = await world();
    for (const key of [undefined, "cs_not-a-real-key"]) {
      const res = await send("/access/v1/evaluation", { key, body: w.question });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(res.body).toMatchObject({ type: "https://countersign.dev/problems/401", status: 401, requestId: expect.any(String) });
    }
    const reader = await userWithKey(["identity_owner"], ["read", "write"]);
    for (const path of ["/access/v1/evaluation", "/access/v1/evaluations"]) {
      const res = await send(path, { key: reader.key, body: w.question });
      expect(res.status).toBe(403);
      expect(res.body.detail).toMatch(/runtime\.authorize/);
    }
  });

  it("422 naming each field, 400 for bad JSON, 404, 405 and 413; echoes x-request-id", async () => {
    const w = await world();
    const invalid = await send("/access/v1/evaluation", {
      key: w.key,
      body: { subject: { type: "nhi" }, action: {}, resource: { type: "data_set", id: "" }, context: { workflow: "nope", wokflow: "x" } },
      headers: { "x-request-id": "req-7" },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("x-request-id")).toBe("req-7");
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(["subject.id", "action.name", "resource.id", "context.workflow", "context"]));
    const batch = await send("/access/v1/evaluations", { key: w.key, body: { evaluations: [{ action: { name: "read" } }] } });
    expect(batch.status).toBe(422);
    expect(batch.body.errors.map((e: { path: string }) => e.path)).toEqual(["evaluations.0.subject", "evaluations.0.resource"]);

    expect((await send("/access/v1/evaluation", { key: w.key, raw: "{ not json" })).status).toBe(400);
    expect((await send("/api/v1/workflows", { method: "GET", key: w.key })).status).toBe(404);
    const wrongMethod = await send("/access/v1/evaluation", { method: "GET", key: w.key });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    const huge = await send("/access/v1/evaluation", { key: w.key, raw: JSON.stringify({ pad: "x".repeat(1_100_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("[PDP] decisions", () => {
  it("allows, then denies once the revoke returns; every decision is stored with its API key", async () => {
    const w = await world();
    const allow = await send("/access/v1/evaluation", { key: w.key, body: w.question });
    expect(allow.status).toBe(200);
    expect(allow.headers.get("cache-control")).toBe("no-store");
    expect(allow.body).toEqual({ decision: true, context: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });

    await revokeEntitlement(systemActor("test"), w.grant.id, "test");
    const deny = await send("/access/v1/evaluation", { key: w.key, body: w.question });
    expect(deny.body).toMatchObject({ decision: false, context: { reason_admin: { code: "no_entitlement" } } });

    await flushDecisions();
    const [key] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.userId, w.user.id));
    const rows = await db.select().from(decisions).where(inArray(decisions.id, [allow.body.context.id, deny.body.context.id]));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[allow.body.context.id]).toMatchObject({ decision: true, entitlementId: w.grant.id, apiKeyId: key!.id });
    expect(byId[deny.body.context.id]).toMatchObject({ decision: false, reasonCode: "no_entitlement", apiKeyId: key!.id });
  });

  it("answers batches per AuthZEN §7, each item its own stored decision", async () => {
    const w = await world();
    const res = await send("/access/v1/evaluations", {
      key: w.key,
      body: { subject: w.question.subject, resource: w.question.resource, evaluations: [{ action: { name: "read" } }, { action: { name: "write" } }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual([true, false]);
    const single = await send("/access/v1/evaluations", { key: w.key, body: w.question });
    expect(single.body).toMatchObject({ decision: true });
    await flushDecisions();
    const ids = [...res.body.evaluations.map((e: { context: { id: string } }) => e.context.id), single.body.context.id];
    expect(await db.$count(decisions, inArray(decisions.id, ids))).toBe(3);
  });

  it("serves its metadata and health without credentials", async () => {
    const meta = await send("/.well-known/authzen-configuration", { method: "GET" });
    expect(meta.body).toEqual({
      policy_decision_point: "https://pdp.example.test",
      access_evaluation_endpoint: "https://pdp.example.test/access/v1/evaluation",
      access_evaluations_endpoint: "https://pdp.example.test/access/v1/evaluations",
    });
    const health = await send("/health", { method: "GET" });
    expect(health).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("close() drains and flushes: decisions answered just before are stored without an explicit flush", async () => {
    const w = await world();
    const own = createPdpServer();
    const port = await own.listen(0);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`http://127.0.0.1:${port}/access/v1/evaluation`, { method: "POST", headers: { authorization: `Bearer ${w.key}` }, body: JSON.stringify(w.question) }).then((r) => r.json()),
      ),
    );
    await own.close();
    expect(await db.$count(decisions, inArray(decisions.id, answers.map((a) => a.context.id)))).toBe(20);
  });
});

describe("[PDP] API key cache", () => {
  it("a revoked API key is refused at once: the revoke's notification clears the cache of every decision point", async () => {
    const w = await world();
    const long = createPdpServer({ apiKeyCacheMs: 5_000 });
    const url = `http://127.0.0.1:${await long.listen(0)}/access/v1/evaluation`;
    const ask = () => fetch(url, { method: "POST", headers: { authorization: `Bearer ${w.key}` }, body: JSON.stringify(w.question) });
    try {
      expect((await ask()).status).toBe(200);
      expect(long.keys.size).toBe(1);
      const [key] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.userId, w.user.id));
      await revokeApiKey(systemActor("test"), key!.id);
      const revokedAt = Date.now();
      // NOTIFY is delivered after commit on another connection: wait for it, far less than the 5 s lifetime.
      while (long.keys.size > 0 && Date.now() - revokedAt < 1_000) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(long.keys.size).toBe(0);
      expect((await ask()).status).toBe(401);
    } finally {
      await long.close();
    }
  });

  it("without the notification, a revoked API key keeps working for at most the cache lifetime, then gets 401", async () => {
    const w = await world();
    const short = createPdpServer({ apiKeyCacheMs: 1_000 });
    const url = `http://127.0.0.1:${await short.listen(0)}/access/v1/evaluation`;
    const ask = () => fetch(url, { method: "POST", headers: { authorization: `Bearer ${w.key}` }, body: JSON.stringify(w.question) });
    try {
      expect((await ask()).status).toBe(200);
      // Revoked behind the domain's back (as if the notification were lost): only the lifetime bounds it.
      await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.userId, w.user.id));
      const revokedAt = Date.now();
      expect((await ask()).status).toBe(200); // the documented window
      await new Promise((resolve) => setTimeout(resolve, 1_050 - (Date.now() - revokedAt)));
      expect((await ask()).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it("caps the lifetime at 5 s, shares one lookup between concurrent misses, and drops everything on an error", async () => {
    let calls = 0;
    let fail = false;
    const actor = systemActor("pep");
    const cache = new ApiKeyCache(60_000, async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error("database down");
      return actor;
    });
    expect(await Promise.all([cache.authenticate("cs_a"), cache.authenticate("cs_a")])).toEqual([actor, actor]);
    expect(calls).toBe(1);
    expect(await cache.authenticate("cs_a")).toBe(actor);
    expect(calls).toBe(1);

    fail = true;
    await expect(cache.authenticate("cs_b")).rejects.toThrow("database down");
    expect(cache.size).toBe(0); // "cs_a" was still fresh, and is gone too
    await expect(cache.authenticate("cs_a")).rejects.toThrow("database down");

    expect(new ApiKeyCache(60_000).ttlMs).toBe(5_000);
  });
});
