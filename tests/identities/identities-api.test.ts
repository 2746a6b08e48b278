import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as identityRoute from "@/app/api/v1/identities/[id]/route";
import * as identitiesRoute from "@/app/api/v1/identities/route";
import { db } from "@/db";
import { bindNhi, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, nhis, workflowNhis } from "@/db/schema";
import { call, userWithKey } from "../helpers";

const count = async (table: typeof nhis | typeof auditEvents | typeof workflowNhis) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const counts = () => Promise.all([count(nhis), count(auditEvents), count(workflowNhis)]);
const tag = () => `t${crypto.randomBytes(4).toString("hex")}`;
const DAY = 86_400_000;

const post = (apiKey: string, body: unknown) => call(identitiesRoute.POST, { method: "POST", path: "/api/v1/identities", apiKey, body });
const list = (apiKey: string, query: Record<string, string>) =>
  call(identitiesRoute.GET, { path: `/api/v1/identities?${new URLSearchParams(query).toString()}`, apiKey });
const paths = (res: { body: Record<string, any> | null }) => (res.body!.errors as { path: string }[]).map((e) => e.path).sort();

const valid = (over: Record<string, unknown> = {}) => ({
  name: `billing-exporter-${tag()}`,
  kind: "service_account",
  provider: "aws",
  externalId: `arn:aws:iam::123456789012:role/${tag()}`,
  environment: "prod",
  ...over,
});

describe("[IDENTITIES] API", () => {
  it("POST creates an NHI (201) with defaults and an audit event, and binds the workflows it serves", async () => {
    const { key, user } = await userWithKey(["identity_owner"]);
    const w = await createWorkflow(db);
    const res = await post(key, valid({ ownerId: user.id, workflowIds: [w.id] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "service_account", provider: "aws", classification: "utility", status: "active", ownerId: user.id });
    const log = await db.select().from(auditEvents).where(eq(auditEvents.targetId, res.body!.id)).orderBy(auditEvents.seq);
    expect(log.map((e) => e.action)).toEqual(["identity.bound", "identity.created"]);
    expect(await db.select().from(workflowNhis).where(eq(workflowNhis.nhiId, res.body!.id))).toHaveLength(1);
  });

  it("a duplicate (provider, externalId) is a 409 naming externalId; the same externalId at another provider is fine", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const body = valid();
    expect((await post(key, body)).status).toBe(201);
    const before = await counts();
    const again = await post(key, { ...body, name: "another name" });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toBe("application/problem+json");
    expect(paths(again)).toEqual(["externalId"]);
    expect(await counts()).toEqual(before);
    expect((await post(key, { ...body, provider: "gcp" })).status).toBe(201);
  });

  it("bad enums are a 422 naming each field, and nothing is written", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const before = await counts();
    const res = await post(key, valid({ kind: "robot", provider: "ibm", environment: "moon", classification: "secret", status: "gone" }));
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(["classification", "environment", "kind", "provider", "status"]);
    const missing = await post(key, {});
    expect(missing.status).toBe(422);
    expect(paths(missing)).toEqual(expect.arrayContaining(["environment", "externalId", "kind", "name", "provider"]));
    const owner = await createUser(db, { active: false });
    const inactive = await post(key, valid({ ownerId: owner.id }));
    expect(inactive.status).toBe(422);
    expect(paths(inactive)).toEqual(["ownerId"]);
    expect(await counts()).toEqual(before);
  });

  it("a business owner or an auditor gets 403 and nothing is written", async () => {
    for (const role of ["business_owner", "auditor"] as const) {
      const { key } = await userWithKey([role]);
      const before = await counts();
      const res = await post(key, valid());
      expect(res.status).toBe(403);
      expect(await counts()).toEqual(before);
    }
    const nhi = await createNhi(db);
    const { key } = await userWithKey(["auditor"]);
    const patch = await call(identityRoute.PATCH, { method: "PATCH", apiKey: key, params: { id: nhi.id }, body: { name: "renamed" } });
    expect(patch.status).toBe(403);
    expect((await db.select().from(nhis).where(eq(nhis.id, nhi.id)))[0]!.name).toBe(nhi.name);
  });

  it("PATCH cannot change provider or externalId (422), but edits other fields with an audit event", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const nhi = await createNhi(db, { provider: "aws", externalId: `arn:aws:iam::1:role/${tag()}` });
    for (const body of [{ provider: "gcp" }, { externalId: "arn:aws:iam::1:role/other" }, { provider: "aws", name: "renamed" }]) {
      const res = await call(identityRoute.PATCH, { method: "PATCH", apiKey: key, params: { id: nhi.id }, body });
      expect(res.status).toBe(422);
      expect(paths(res)).toEqual(Object.keys(body).filter((k) => k !== "name"));
    }
    const [unchanged] = await db.select().from(nhis).where(eq(nhis.id, nhi.id));
    expect(unchanged).toEqual(nhi);
    const ok = await call(identityRoute.PATCH, { method: "PATCH", apiKey: key, params: { id: nhi.id }, body: { name: "renamed", classification: "privileged", reason: "handles payroll" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: "renamed", classification: "privileged", provider: "aws", externalId: nhi.externalId });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, nhi.id));
    expect(event).toMatchObject({ action: "identity.updated", reason: "handles payroll" });
  });

  it("GET filters by provider, kind, classification, last use and workflow", async () => {
    const { key } = await userWithKey(["auditor"]);
    const p = tag();
    const w = await createWorkflow(db);
    const a = await createNhi(db, { name: `${p}-a`, provider: "aws", kind: "service_account", classification: "utility", lastUsedAt: null });
    const b = await createNhi(db, { name: `${p}-b`, provider: "gcp", kind: "api_key", classification: "privileged", lastUsedAt: new Date(Date.now() - DAY) });
    const c = await createNhi(db, { name: `${p}-c`, provider: "aws", kind: "agent", classification: "privileged", lastUsedAt: new Date(Date.now() - 100 * DAY) });
    const d = await createNhi(db, { name: `${p}-d`, provider: "custom", kind: "service_account", classification: "utility", lastUsedAt: null });
    await bindNhi(db, w.id, a.id);
    await bindNhi(db, w.id, c.id);
    const names = async (query: Record<string, string>) => {
      const res = await list(key, { q: p, ...query });
      expect(res.status).toBe(200);
      return (res.body!.items as { id: string }[]).map((i) => i.id);
    };
    expect(await names({})).toEqual([a.id, b.id, c.id, d.id]);
    expect(await names({ provider: "" })).toEqual([a.id, b.id, c.id, d.id]);
    expect(await names({ provider: "aws" })).toEqual([a.id, c.id]);
    expect(await names({ kind: "service_account" })).toEqual([a.id, d.id]);
    expect(await names({ classification: "privileged" })).toEqual([b.id, c.id]);
    expect(await names({ lastUsed: "never" })).toEqual([a.id, d.id]);
    expect(await names({ lastUsed: "7d" })).toEqual([b.id]);
    expect(await names({ lastUsed: "90d+" })).toEqual([a.id, c.id, d.id]);
    expect(await names({ workflowId: w.id })).toEqual([a.id, c.id]);
    expect(await names({ provider: "aws", classification: "privileged" })).toEqual([c.id]);
    const [boundA] = (await list(key, { q: p, workflowId: w.id })).body!.items;
    expect(boundA).toMatchObject({ id: a.id, workflows: 1 });

    const bad = await list(key, { provider: "ibm", lastUsed: "yesterday" });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(["lastUsed", "provider"]);
  });

  it("keyset pagination returns every row exactly once across pages, even with duplicate names", async () => {
    const { key } = await userWithKey(["auditor"]);
    const p = tag();
    const created: { id: string; name: string }[] = [];
    for (let i = 0; i < 25; i++) created.push(await createNhi(db, { name: `${p}-dup-${i % 5}` }));
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(key, { q: p, limit: "7", ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      pageSizes.push(res.body!.items.length);
      seen.push(...(res.body!.items as { id: string }[]).map((i) => i.id));
      cursor = res.body!.nextCursor as string | null;
    } while (cursor && pageSizes.length < 10);
    expect(pageSizes).toEqual([7, 7, 7, 4]);
    expect(new Set(seen).size).toBe(25);
    const expected = [...created].sort((x, y) => (x.name === y.name ? (x.id < y.id ? -1 : 1) : x.name < y.name ? -1 : 1)).map((n) => n.id);
    expect(seen).toEqual(expected);

    const broken = await list(key, { q: p, cursor: "not-a-cursor" });
    expect(broken.status).toBe(422);
    expect(paths(broken)).toEqual(["cursor"]);
  });

  it("GET /identities/{id} flags reuse when the NHI serves two workflows", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const [w1, w2] = [await createWorkflow(db), await createWorkflow(db)];
    const single = await post(key, valid({ workflowIds: [w1.id] }));
    const shared = await post(key, valid({ workflowIds: [w1.id, w2.id] }));
    const one = await call(identityRoute.GET, { apiKey: key, params: { id: single.body!.id } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ reused: false });
    expect(one.body!.workflows).toHaveLength(1);
    const two = await call(identityRoute.GET, { apiKey: key, params: { id: shared.body!.id } });
    expect(two.body).toMatchObject({ reused: true });
    expect((two.body!.workflows as { id: string }[]).map((w) => w.id).sort()).toEqual([w1.id, w2.id].sort());
    expect((await call(identityRoute.GET, { apiKey: key, params: { id: crypto.randomUUID() } })).status).toBe(404);
  });
});
