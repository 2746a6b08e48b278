import net from "node:net";
import postgres from "postgres";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { entitlements } from "@/db/schema";
import { createEntitlement } from "@/db/seed/factories";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { type AccessLookup, loadAccessFacts, loadAccessFactsBatch } from "@/lib/domain/runtime/resolve-access";
import { AccessCache } from "@/lib/pdp/access-cache";
import { ChangeFeed, FEED_APPLICATION_NAME } from "@/lib/pdp/change-feed";
import { type PdpServer, createPdpServer } from "@/lib/pdp/server";
import { ACCESS_CHANGES_CHANNEL } from "@/lib/domain/runtime/access-changes";
import { userWithKey } from "../helpers";

/**
 * The decision point's access cache (lib/pdp/access-cache.ts) against a real
 * database. The decision point here plays one in another process: its own
 * pool, and `localChanges: () => 0`, so it learns of every change below only
 * through the database's notifications — the path a production PDP relies on.
 * Changes are made with plain SQL on a separate connection, like another app
 * server committing.
 */
const URL = process.env.DATABASE_URL!;
let pool: postgres.Sql;
let writer: postgres.Sql;
let pdp: PdpServer;
let endpoint: string;
let key: string;

beforeAll(async () => {
  pool = postgres(URL, { max: 4, onnotice: () => {} });
  writer = postgres(URL, { max: 1, onnotice: () => {} });
  pdp = createPdpServer({ client: pool, accessCache: { localChanges: () => 0 }, feed: { heartbeatMs: 50, deafAfterMs: 500 } });
  endpoint = `http://127.0.0.1:${await pdp.listen(0)}/access/v1/evaluation`;
  ({ key } = await userWithKey(["identity_owner"], ["authorize"]));
  // The first decision on a fresh database installs the default guardrail policies, which empties the cache once.
  await decide({ subject: { type: "nhi", id: "warm-up" }, action: { name: "read" }, resource: { type: "data_set", id: "warm-up" } });
  await pdp.feed.caughtUp();
});

afterAll(async () => {
  await pdp?.close();
  await pool?.end({ timeout: 5 });
  await writer?.end({ timeout: 5 });
  await flushDecisions();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function decide(question: object, url = endpoint): Promise<string> {
  const response = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(question) });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { decision: boolean; context: { reason_admin?: { code: string } } };
  return body.decision ? "allow" : body.context.reason_admin!.code;
}

async function cachedGrant(overrides: Parameters<typeof createEntitlement>[1] = {}) {
  const grant = await createEntitlement(db, { actions: ["read"], ...overrides });
  const question = { subject: { type: "nhi", id: grant.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: grant.dataSetId } };
  // The inserts above announced themselves too: let their notifications arrive before priming the cache.
  await pdp.feed.caughtUp();
  // Asked twice: the second answer comes from memory (no change was heard in between).
  expect(await decide(question)).toBe("allow");
  const hits = pdp.access!.hits;
  expect(await decide(question)).toBe("allow");
  expect(pdp.access!.hits).toBe(hits + 1);
  return { grant, question };
}

describe("[PDP] access cache: answers from memory", () => {
  it("a repeated question costs no database round trip, and /health reports it", async () => {
    const { question } = await cachedGrant();
    const misses = pdp.access!.misses;
    for (let i = 0; i < 5; i++) expect(await decide(question)).toBe("allow");
    expect(pdp.access!.misses).toBe(misses);
    const health = (await (await fetch(endpoint.replace("/access/v1/evaluation", "/health"))).json()) as { accessCache: Record<string, unknown> };
    expect(health.accessCache).toMatchObject({ hearing: true, hits: expect.any(Number), misses: expect.any(Number) });
    expect(health.accessCache.hits as number).toBeGreaterThan(0);
  });
});

describe("[PDP] access cache: every change a decision reads is heard at commit", () => {
  // Each statement runs on another connection; the decision must change (or the cache at least empty) without any
  // call into this process.
  // `expected` null: the answer may stay the same (a guardrail might read it), but it must come from the database.
  const cases: { name: string; change: (g: Awaited<ReturnType<typeof cachedGrant>>["grant"]) => Promise<unknown>; expected: string | null }[] = [
    { name: "entitlement revoked", change: (g) => writer`update entitlements set status = 'revoked' where id = ${g.id}`, expected: "no_entitlement" },
    { name: "entitlement narrowed", change: (g) => writer`update entitlements set actions = '{write}' where id = ${g.id}`, expected: "action_not_granted" },
    { name: "entitlement expiry moved back", change: (g) => writer`update entitlements set expires_at = now() - interval '1 second' where id = ${g.id}`, expected: "entitlement_expired" },
    { name: "NHI suspended", change: (g) => writer`update nhis set status = 'suspended' where id = ${g.nhiId}`, expected: "identity_inactive" },
    { name: "NHI moved to another environment", change: (g) => writer`update nhis set environment = 'staging' where id = ${g.nhiId}`, expected: null },
    { name: "NHI made privileged", change: (g) => writer`update nhis set classification = 'privileged' where id = ${g.nhiId}`, expected: null },
    { name: "workflow suspended", change: (g) => writer`update workflows set status = 'suspended' where id = ${g.workflowId}`, expected: "workflow_inactive" },
    { name: "data set renamed", change: (g) => writer`update data_sets set name = name || '-renamed' where id = ${g.dataSetId}`, expected: null },
    { name: "data set made restricted", change: (g) => writer`update data_sets set sensitivity = 'restricted' where id = ${g.dataSetId}`, expected: null },
    { name: "workflow made autonomous", change: (g) => writer`update workflows set autonomy = 'autonomous' where id = ${g.workflowId}`, expected: null },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.expected ?? "asked again"}`, async () => {
      const { grant, question } = await cachedGrant();
      const misses = pdp.access!.misses;
      await c.change(grant);
      const changedAt = performance.now();
      await expect.poll(() => pdp.access!.size, { interval: 2, timeout: 1_000 }).toBe(0);
      const heardAfter = performance.now() - changedAt;
      const answer = await decide(question);
      if (c.expected) expect(answer).toBe(c.expected);
      expect(pdp.access!.misses, "the answer after the change came from the database").toBe(misses + 1);
      expect(heardAfter, "heard within the propagation bound").toBeLessThan(25);
    });
  }

  it("exceptions and guardrail policies empty the cache too (they feed the guardrail step)", async () => {
    const { grant } = await cachedGrant();
    await writer`insert into access_exceptions (workflow_id, data_set_id, actions, reason, status, expires_at)
                 values (${grant.workflowId}, ${grant.dataSetId}, '{write}', 'test', 'approved', now() + interval '1 day')`;
    await expect.poll(() => pdp.access!.size, { interval: 2, timeout: 1_000 }).toBe(0);
    await cachedGrant();
    await writer`update policies set description = description where false`;
    await expect.poll(() => pdp.access!.size, { interval: 2, timeout: 1_000 }).toBe(0);
  });

  it("writes a decision does not read leave the cache alone (last use, review dates, names, purposes)", async () => {
    const { grant, question } = await cachedGrant();
    await writer`update nhis set last_used_at = now(), name = name || '+' where id = ${grant.nhiId}`;
    await writer`update entitlements set next_review_at = now() + interval '1 day', justification = 'changed' where id = ${grant.id}`;
    await writer`update workflows set purpose = 'changed' where id = ${grant.workflowId}`;
    await writer`update data_sets set description = 'changed' where id = ${grant.dataSetId}`;
    await pdp.feed.caughtUp(); // anything these announced has been heard by now
    const hits = pdp.access!.hits;
    expect(await decide(question)).toBe("allow");
    expect(pdp.access!.hits).toBe(hits + 1);
  });
});

describe("[PDP] access cache: what no write announces", () => {
  it("a grant that expires by the clock alone is denied from that moment, with no write in between", async () => {
    const { question } = await cachedGrant({ expiresAt: new Date(Date.now() + 600) });
    await sleep(650);
    expect(await decide(question)).toBe("entitlement_expired");
  });

  it("facts say how long they hold: until the first grant or covering exception expires", async () => {
    const grant = await createEntitlement(db, { actions: ["read"], expiresAt: new Date(Date.now() + 60_000) });
    await writer`insert into access_exceptions (workflow_id, data_set_id, actions, reason, status, expires_at)
                 values (${grant.workflowId}, ${grant.dataSetId}, '{write}', 'test', 'approved', now() + interval '5 seconds')`;
    const lookup: AccessLookup = { subject: grant.nhiId, resource: grant.dataSetId, workflowId: null };
    const [facts] = await loadAccessFactsBatch(pool, [lookup]);
    expect(facts!.validForMs).toBeGreaterThan(3_000);
    expect(facts!.validForMs).toBeLessThanOrEqual(5_000);
    const standing = await createEntitlement(db, { actions: ["read"] });
    const [forever] = await loadAccessFactsBatch(pool, [{ subject: standing.nhiId, resource: standing.dataSetId, workflowId: null }]);
    expect(forever!.validForMs).toBeNull();
  });
});

describe("[PDP] access cache: trusted only while the feed provably hears", () => {
  it("an answer whose query overlapped a change is not kept", async () => {
    const feed = new ChangeFeed(pool, { heartbeatMs: 50 }).on(ACCESS_CHANGES_CHANNEL, () => {});
    await feed.start();
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let read!: () => void;
      const wasRead = new Promise<void>((resolve) => (read = resolve));
      let gated = true;
      const cache = new AccessCache(feed, {
        localChanges: () => 0,
        load: async (client, lookup) => {
          const facts = await loadAccessFacts(client, lookup);
          read();
          if (gated) await gate;
          return facts;
        },
      });
      const grant = await createEntitlement(db, { actions: ["read"] });
      await feed.caughtUp();
      const lookup: AccessLookup = { subject: grant.nhiId, resource: grant.dataSetId, workflowId: null };
      const pending = cache.facts(pool, lookup);
      const epoch = feed.epoch;
      // The question's statement goes out on a later turn of the event loop: let it read before the revoke commits.
      await wasRead;
      await writer`update entitlements set status = 'revoked' where id = ${grant.id}`;
      await expect.poll(() => feed.epoch).toBeGreaterThan(epoch);
      release();
      expect((await pending).grants).toHaveLength(1); // read before the revoke: a fair answer to a question asked before it
      expect(cache.size, "but not kept").toBe(0);
      gated = false;
      expect((await cache.facts(pool, lookup)).grants).toHaveLength(0);
    } finally {
      await feed.stop();
    }
  });

  it("a feed that stops hearing its own heartbeat is not trusted: every question goes to the database", async () => {
    const grant = await createEntitlement(db, { actions: ["read"] });
    // Created before the feed starts, so no notification of it can arrive while the cache is being checked.
    const feed = new ChangeFeed(pool, { heartbeatMs: 60_000, deafAfterMs: 150 }).on(ACCESS_CHANGES_CHANNEL, () => {});
    await feed.start();
    try {
      let loads = 0;
      const cache = new AccessCache(feed, { localChanges: () => 0, load: (client, lookup) => ((loads += 1), loadAccessFacts(client, lookup)) });
      await expect.poll(() => feed.hearing()).toBe(true);
      const lookup: AccessLookup = { subject: grant.nhiId, resource: grant.dataSetId, workflowId: null };
      await cache.facts(pool, lookup);
      await cache.facts(pool, lookup);
      expect(loads, "hearing: the second answer came from memory").toBe(1);
      await sleep(200); // the next heartbeat is a minute away: deaf now
      expect(feed.hearing()).toBe(false);
      await cache.facts(pool, lookup);
      await cache.facts(pool, lookup);
      expect(loads).toBe(3);
    } finally {
      await feed.stop();
    }
  });

  it("its connection killed: the cache empties at once, answers come from the database, and caching resumes once it hears again", async () => {
    const { question } = await cachedGrant();
    const epoch = pdp.feed.epoch;
    await writer`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${FEED_APPLICATION_NAME} and datname = current_database()`;
    await expect.poll(() => pdp.feed.epoch, { interval: 2, timeout: 1_000 }).toBeGreaterThan(epoch);
    expect(pdp.access!.size).toBe(0);
    const misses = pdp.access!.misses;
    expect(await decide(question)).toBe("allow");
    expect(pdp.access!.misses).toBe(misses + 1);
    await expect.poll(() => pdp.feed.hearing(), { timeout: 5_000 }).toBe(true);
    await cachedGrant();
  });
});

describe("[PDP] access cache: changes committed by this process", () => {
  it("a transaction this process ends voids the cache before its notification could arrive", async () => {
    // A feed that never hears anything: only the local rule can empty the cache here.
    const deafToChanges = { epoch: 0, hearing: () => true } as unknown as ChangeFeed;
    let loads = 0;
    const cache = new AccessCache(deafToChanges, { load: (client, lookup) => ((loads += 1), loadAccessFacts(client, lookup)) });
    const grant = await createEntitlement(db, { actions: ["read"] });
    const lookup: AccessLookup = { subject: grant.nhiId, resource: grant.dataSetId, workflowId: null };
    await cache.facts(pool, lookup);
    await cache.facts(pool, lookup);
    expect(loads).toBe(1);
    await db.transaction((tx) => tx.update(entitlements).set({ status: "revoked" }).where(eq(entitlements.id, grant.id)));
    expect((await cache.facts(pool, lookup)).grants).toHaveLength(0);
    expect(loads).toBe(2);
  });
});

describe("[PDP] access cache: fail closed when the database goes away", () => {
  it("cached allows stop the moment the connection drops: deny with internal_error", async () => {
    // The decision point reaches the database through a proxy this test can cut, like a network failure.
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((inbound) => {
      const outbound = net.connect(5432, "127.0.0.1");
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on("error", () => {});
        s.on("close", () => sockets.delete(s));
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const target = new globalThis.URL(URL);
    target.port = String((proxy.address() as net.AddressInfo).port);
    target.hostname = "127.0.0.1";
    const viaProxy = postgres(target.toString(), { max: 2, connect_timeout: 2, onnotice: () => {} });
    const cut = createPdpServer({ client: viaProxy, accessCache: { localChanges: () => 0 }, feed: { heartbeatMs: 50 } });
    try {
      const url = `http://127.0.0.1:${await cut.listen(0)}/access/v1/evaluation`;
      const grant = await createEntitlement(db, { actions: ["read"] });
      const question = { subject: { type: "nhi", id: grant.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: grant.dataSetId } };
      await cut.feed.caughtUp();
      expect(await decide(question, url)).toBe("allow");
      expect(await decide(question, url)).toBe("allow");
      expect(cut.access!.hits).toBe(1);

      proxy.close();
      for (const s of sockets) s.destroy();
      await expect.poll(() => cut.feed.hearing(), { interval: 2, timeout: 1_000 }).toBe(false);
      expect(cut.access!.size).toBe(0);
      for (let i = 0; i < 3; i++) expect(await decide(question, url)).toBe("internal_error");
    } finally {
      await cut.close().catch(() => {});
      await viaProxy.end({ timeout: 1 });
      proxy.close();
    }
  });
});
