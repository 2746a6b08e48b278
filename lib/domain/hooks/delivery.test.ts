import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { createCredential, createEntitlement, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, credentials, entitlements, findings, hookDeliveries, hookDeliveryAttempts, hookEvents, hooks, notifications } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { retireWorkflow } from "@/lib/domain/workflows/lifecycle";
import { getBoss } from "@/lib/jobs/boss";
import { deliverDueHooks } from "./deliver-hooks";
import { replayDelivery } from "./deliveries";
import { DELIVER_QUEUE, type HookEventType } from "./emit-event";
import { createHook, updateHook } from "./manage-hooks";
import { postHook } from "./post-hook";
import { MAX_ATTEMPTS } from "./retry-schedule";

const PORT = vi.hoisted(() => {
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  process.env.HOOK_ALLOWED_HOSTS = `127.0.0.1:${port}`;
  return port;
});
const BASE = `http://127.0.0.1:${PORT}`;
const ROOT = path.resolve(import.meta.dirname, "../../..");

// One real receiver; each test says how it answers. `hang` never answers.
type Hit = { path: string; webhookId: string | undefined; body: string };
const hits: Hit[] = [];
const ok = (_n: number, res: http.ServerResponse) => res.writeHead(200).end();
const hang = () => {};
let answer: (n: number, res: http.ServerResponse) => void = ok;
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    hits.push({ path: req.url ?? "", webhookId: req.headers["webhook-id"] as string | undefined, body });
    if (req.url === "/hang") return;
    answer(hits.length, res);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(PORT, "127.0.0.1", resolve));
  await (await getBoss()).createQueue(DELIVER_QUEUE); // as the app's boot does (ensureQueues)
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(async () => {
  hits.length = 0;
  answer = ok;
  await db.update(hooks).set({ active: false }).where(eq(hooks.active, true));
  await db.update(hookDeliveries).set({ status: "failed" }).where(eq(hookDeliveries.status, "pending"));
});

const count = async (q: string) => (await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${q}`)))[0]!.n;
const deliveryRow = async (id: string) => (await db.select().from(hookDeliveries).where(eq(hookDeliveries.id, id)))[0]!;
const attemptsOf = (id: string) => db.select().from(hookDeliveryAttempts).where(eq(hookDeliveryAttempts.deliveryId, id)).orderBy(hookDeliveryAttempts.attempt);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A workflow with both owners, an active grant with a scoped credential, a revoker and a subscribed hook. */
async function scenario(events: HookEventType[] = ["entitlement.revoked"]) {
  const bo = await createUser(db, { roles: ["business_owner"] });
  const io = await createUser(db, { roles: ["identity_owner"] });
  const workflow = await createWorkflow(db, { businessOwnerId: bo.id, identityOwnerId: io.id });
  const grant = await createEntitlement(db, { workflowId: workflow.id });
  const credential = await createCredential(db, { nhiId: grant.nhiId, entitlementId: grant.id });
  const revoker = await createUser(db, { roles: ["identity_owner"] });
  const actor = userActor(revoker);
  const hook = await createHook(actor, { name: "receiver", url: `${BASE}/hook`, events, format: "standard-webhooks" });
  return { bo, io, workflow, grant, credential, revoker, actor, hook };
}

async function revokeWithDelivery(s: Awaited<ReturnType<typeof scenario>>) {
  const out = await revokeEntitlement(s.actor, s.grant.id, "delivery test");
  const rows = await db.select().from(hookDeliveries).where(eq(hookDeliveries.hookId, s.hook.id));
  expect(rows).toHaveLength(1);
  return { out, delivery: rows[0]! };
}

/** Runs the worker exactly when the delivery falls due, after proving it is not due a moment earlier. */
async function runWhenDue(id: string) {
  const due = (await deliveryRow(id)).nextAttemptAt.getTime();
  expect((await deliverDueHooks({ now: () => new Date(due - 1) })).attempted).toBe(0);
  const at = new Date(due + 1);
  return { at, run: await deliverDueHooks({ now: () => at }) };
}

describe("[HOOKS] transactional outbox", () => {
  it("a revoke writes one event, one delivery per subscribed active hook and one wake-up job, in its transaction", async () => {
    const s = await scenario();
    const caep = await createHook(s.actor, { name: "caep", url: `${BASE}/caep`, events: ["entitlement.revoked"], format: "caep-set" });
    const unsubscribed = await createHook(s.actor, { name: "creds", url: `${BASE}/c`, events: ["credential.revoked"], format: "standard-webhooks" });
    const paused = await createHook(s.actor, { name: "paused", url: `${BASE}/p`, events: ["entitlement.revoked"], format: "standard-webhooks" });
    await updateHook(s.actor, paused.id, { active: false, reason: "maintenance" });

    const out = await revokeEntitlement(s.actor, s.grant.id, "outbox");
    expect(out).toMatchObject({ revoked: true, deliveries: 2 });
    const events = await db.select().from(hookEvents).where(eq(hookEvents.revocationId, out.revocationId!));
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.type).toBe("entitlement.revoked");
    expect(event.payload).toMatchObject({ id: event.id, type: "entitlement.revoked", reason: "outbox", workflow: { id: s.workflow.id }, dataSet: { id: s.grant.dataSetId }, actions: ["read"] });
    const deliveries = await db.select().from(hookDeliveries).where(eq(hookDeliveries.eventId, event.id));
    expect(deliveries.map((d) => d.hookId).sort()).toEqual([s.hook.id, caep.id].sort());
    expect(deliveries.every((d) => d.status === "pending" && d.attempts === 0)).toBe(true);
    for (const h of [unsubscribed, paused]) expect(await db.select().from(hookDeliveries).where(eq(hookDeliveries.hookId, h.id))).toHaveLength(0);
    expect(await count(`pgboss.job where name = '${DELIVER_QUEUE}' and data->>'eventId' = '${event.id}'`)).toBe(1);
  });

  it("retiring a workflow emits workflow.retired to its subscribers", async () => {
    const s = await scenario(["workflow.retired"]);
    await retireWorkflow(userActor(s.io), s.workflow.id, { reason: "offboarding" });
    const [event] = await db.select().from(hookEvents).where(and(eq(hookEvents.type, "workflow.retired"), sql`${hookEvents.payload}->'workflow'->>'id' = ${s.workflow.id}`));
    expect(event!.revocationId).toBeTruthy();
    expect(event!.payload).toMatchObject({ affected: { entitlements: [s.grant.id], credentials: [s.credential.id] } });
    expect(await db.select().from(hookDeliveries).where(eq(hookDeliveries.hookId, s.hook.id))).toHaveLength(1);
  });

  it("a revoke that fails after emitting (audit insert refused) leaves no event, no delivery, no job, and the grant active", async () => {
    const s = await scenario();
    const before = await Promise.all(["hook_events", "hook_deliveries", "revocations", "audit_events", `pgboss.job where name = '${DELIVER_QUEUE}'`].map(count));
    await db.execute(sql`create function cs_test_refuse_audit() returns trigger language plpgsql as $$
      begin if new.action = 'entitlement.revoked' then raise exception 'audit store unavailable'; end if; return new; end $$`);
    await db.execute(sql`create trigger cs_test_refuse_audit before insert on audit_events for each row execute function cs_test_refuse_audit()`);
    try {
      const error = await revokeEntitlement(s.actor, s.grant.id, "doomed").then(() => null, (e: Error & { cause?: Error }) => e);
      expect(String(error?.cause?.message ?? error?.message)).toMatch(/audit store unavailable/);
    } finally {
      await db.execute(sql`drop trigger cs_test_refuse_audit on audit_events`);
      await db.execute(sql`drop function cs_test_refuse_audit()`);
    }
    const after = await Promise.all(["hook_events", "hook_deliveries", "revocations", "audit_events", `pgboss.job where name = '${DELIVER_QUEUE}'`].map(count));
    expect(after).toEqual(before);
    expect((await db.select().from(entitlements).where(eq(entitlements.id, s.grant.id)))[0]).toMatchObject({ status: "active", revokedAt: null });
    expect((await db.select().from(credentials).where(eq(credentials.id, s.credential.id)))[0]!.status).toBe("active");
  });
});

describe("[HOOKS] delivery: at-least-once with backoff, visible per attempt", () => {
  it("500, 500, then 200: delivered on the 3rd attempt, each logged, same webhook-id every time", async () => {
    const s = await scenario();
    const { delivery } = await revokeWithDelivery(s);
    answer = (n, res) => res.writeHead(n <= 2 ? 500 : 200).end();

    const first = await runWhenDue(delivery.id);
    expect(first.run).toEqual({ attempted: 1, succeeded: 0 });
    const afterFirst = await deliveryRow(delivery.id);
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1 });
    const backoff = afterFirst.nextAttemptAt.getTime() - first.at.getTime();
    expect(backoff).toBeGreaterThanOrEqual(4_000); // 5 s ± 20 %
    expect(backoff).toBeLessThanOrEqual(6_000);

    const second = await runWhenDue(delivery.id);
    expect(second.run).toEqual({ attempted: 1, succeeded: 0 });
    const backoff2 = (await deliveryRow(delivery.id)).nextAttemptAt.getTime() - second.at.getTime();
    expect(backoff2).toBeGreaterThanOrEqual(240_000); // 5 min ± 20 %
    expect(backoff2).toBeLessThanOrEqual(360_000);

    expect((await runWhenDue(delivery.id)).run).toEqual({ attempted: 1, succeeded: 1 });
    const done = await deliveryRow(delivery.id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 3 });
    expect(done.deliveredAt).not.toBeNull();
    const log = await attemptsOf(delivery.id);
    expect(log.map((a) => [a.attempt, a.responseStatus, a.error])).toEqual([[1, 500, null], [2, 500, null], [3, 200, null]]);
    for (const a of log) expect(a.latencyMs).toBeGreaterThanOrEqual(0);
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.webhookId))).toEqual(new Set([delivery.eventId]));
    for (const h of hits) expect(JSON.parse(h.body).id).toBe(delivery.eventId);
    expect((await deliverDueHooks({ now: () => new Date(Date.now() + 86_400_000 * 3) })).attempted).toBe(0);
  });

  it("Retry-After: 120 pushes the next attempt at least 120 s ahead", async () => {
    const { delivery } = await revokeWithDelivery(await scenario());
    answer = (_n, res) => res.writeHead(503, { "retry-after": "120" }).end();
    const { at } = await runWhenDue(delivery.id);
    const next = (await deliveryRow(delivery.id)).nextAttemptAt.getTime();
    expect(next - at.getTime()).toBeGreaterThanOrEqual(120_000);
    expect(next - at.getTime()).toBeLessThan(130_000);
  });

  it("410 Gone disables the hook, fails the delivery, flags the revocation, and later revokes skip that hook", async () => {
    const s = await scenario();
    const { out, delivery } = await revokeWithDelivery(s);
    answer = (_n, res) => res.writeHead(410).end();
    expect((await runWhenDue(delivery.id)).run).toEqual({ attempted: 1, succeeded: 0 });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await attemptsOf(delivery.id)).map((a) => a.responseStatus)).toEqual([410]);
    const [hook] = await db.select().from(hooks).where(eq(hooks.id, s.hook.id));
    expect(hook).toMatchObject({ active: false });
    expect(hook!.disabledReason).toMatch(/410/);
    expect(await db.select().from(findings).where(and(eq(findings.ruleId, "revocation-unconfirmed"), eq(findings.targetId, out.revocationId!)))).toHaveLength(1);
    const another = await createEntitlement(db, { workflowId: s.workflow.id });
    expect((await revokeEntitlement(s.actor, another.id)).deliveries).toBe(0);
  });

  async function exhaust() {
    const s = await scenario();
    const { out, delivery } = await revokeWithDelivery(s);
    answer = (_n, res) => res.writeHead(500).end();
    for (let i = 1; i <= MAX_ATTEMPTS; i++) expect((await runWhenDue(delivery.id)).run.attempted).toBe(1);
    return { s, out, delivery };
  }

  it("exhausting every attempt fails the delivery, notifies the owners and raises revocation-unconfirmed; replay re-sends it", async () => {
    const { s, out, delivery } = await exhaust();
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(await attemptsOf(delivery.id)).toHaveLength(MAX_ATTEMPTS);
    expect(hits).toHaveLength(MAX_ATTEMPTS);
    expect((await deliverDueHooks({ now: () => new Date(Date.now() + 30 * 86_400_000) })).attempted).toBe(0);
    const owners = [s.bo.id, s.io.id, s.revoker.id];
    const told = await db.select().from(notifications).where(and(eq(notifications.kind, "hook.delivery_failed"), inArray(notifications.userId, owners)));
    expect(told.map((n) => n.userId).sort()).toEqual(owners.sort());
    const [finding] = await db.select().from(findings).where(and(eq(findings.ruleId, "revocation-unconfirmed"), eq(findings.targetId, out.revocationId!)));
    expect(finding).toMatchObject({ targetType: "revocation", status: "open", severity: "high", ownerId: s.io.id });

    answer = ok;
    expect(await replayDelivery(s.actor, delivery.id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.action, "hook.delivery_replayed"), eq(auditEvents.targetId, delivery.id)))).toHaveLength(1);
    expect(await deliverDueHooks({ now: () => new Date(Date.now() + 1_000) })).toEqual({ attempted: 1, succeeded: 1 });
    expect((await deliveryRow(delivery.id)).status).toBe("succeeded");
    expect(hits.at(-1)!.webhookId).toBe(hits[0]!.webhookId);
  });

  it("a revocation confirmed by a successful replay is no longer flagged (DESIGN: flagged until confirmed)", async () => {
    const { s, out, delivery } = await exhaust();
    answer = ok;
    await replayDelivery(s.actor, delivery.id);
    expect((await deliverDueHooks({ now: () => new Date(Date.now() + 1_000) })).succeeded).toBe(1);
    const open = await db.select().from(findings).where(and(eq(findings.ruleId, "revocation-unconfirmed"), eq(findings.targetId, out.revocationId!), eq(findings.status, "open")));
    expect(open).toHaveLength(0);
  });

  it("postHook gives up on a receiver that never answers after its timeout", async () => {
    const started = Date.now();
    const result = await postHook(new URL(`${BASE}/hang`), "{}", { "content-type": "application/json" }, 500);
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/timed out/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(450);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a worker killed mid-delivery leaves the row to another worker once its lease runs out; same webhook-id", async () => {
    const { delivery } = await revokeWithDelivery(await scenario());
    answer = hang;
    const script = `import("@/lib/domain/hooks/deliver-hooks").then((m) => m.deliverDueHooks({ leaseSeconds: 2 }))`;
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["-e", script], { cwd: ROOT, env: process.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      for (let i = 0; i < 300 && hits.length === 0 && child.exitCode === null; i++) await sleep(100);
      expect(hits, `the child worker never reached the receiver: ${stderr}`).toHaveLength(1);
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    const leased = await deliveryRow(delivery.id);
    expect(leased).toMatchObject({ status: "pending", attempts: 1 });
    expect(leased.nextAttemptAt.getTime() - leased.lastAttemptAt!.getTime()).toBe(2_000);
    expect(await attemptsOf(delivery.id)).toHaveLength(0);

    answer = ok;
    if (Date.now() < leased.nextAttemptAt.getTime() - 300) expect((await deliverDueHooks()).attempted).toBe(0); // lease still held
    let run = { attempted: 0, succeeded: 0 };
    for (let i = 0; i < 60 && run.attempted === 0; i++) {
      run = await deliverDueHooks();
      if (run.attempted === 0) await sleep(100);
    }
    expect(run).toEqual({ attempted: 1, succeeded: 1 });
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(hits.map((h) => h.webhookId)).toEqual([delivery.eventId, delivery.eventId]);
  }, 60_000);
});

