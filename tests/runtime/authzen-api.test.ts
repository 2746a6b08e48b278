import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as metadataRoute from "@/app/.well-known/authzen-configuration/route";
import * as evaluationRoute from "@/app/access/v1/evaluation/route";
import * as evaluationsRoute from "@/app/access/v1/evaluations/route";
import * as decisionsRoute from "@/app/api/v1/decisions/route";
import { db } from "@/db";
import { createEntitlement } from "@/db/seed/factories";
import { apiKeys, decisions } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { appUrl } from "@/lib/env";
import { call, userWithKey } from "../helpers";

type Handler = Parameters<typeof call>[0];
const post = (handler: Handler, apiKey: string | undefined, body: unknown, headers?: Record<string, string>) =>
  call(handler, { method: "POST", path: "/access/v1/evaluation", apiKey, body, headers });
const paths = (res: { body: Record<string, any> | null }) => ((res.body!.errors ?? []) as { path: string }[]).map((e) => e.path);

/** An NHI with read+write on one data set; `item` builds AuthZEN evaluation items against it. */
async function world() {
  const { key, user } = await userWithKey(["identity_owner"], ["authorize"]);
  const grant = await createEntitlement(db, { actions: ["read", "write"] });
  const subject = { type: "nhi", id: grant.nhiId };
  const resource = { type: "data_set", id: grant.dataSetId };
  return { key, user, grant, subject, resource };
}

afterAll(() => flushDecisions());

describe("[AUTHZEN] POST /access/v1/evaluation", () => {
  it("answers { decision, context.id } and names the reason on a deny; echoes x-request-id", async () => {
    const w = await world();
    const allow = await post(evaluationRoute.POST, w.key, { subject: w.subject, action: { name: "read" }, resource: w.resource }, { "x-request-id": "req-42" });
    expect(allow.status).toBe(200);
    expect(allow.headers.get("x-request-id")).toBe("req-42");
    expect(allow.body).toEqual({ decision: true, context: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });

    const deny = await post(evaluationRoute.POST, w.key, { subject: w.subject, action: { name: "delete" }, resource: w.resource, context: { workflow: w.grant.workflowId } });
    expect(deny.status).toBe(200);
    expect(deny.body).toMatchObject({ decision: false, context: { reason_admin: { code: "action_not_granted", message: expect.any(String) } } });

    await flushDecisions();
    const [row] = await db.select().from(decisions).where(eq(decisions.id, deny.body!.context.id));
    const [key] = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.userId, w.user.id));
    expect(row).toMatchObject({ decision: false, reasonCode: "action_not_granted", apiKeyId: key!.id });
  });

  it("401 without an API key, 403 for a key without the authorize scope", async () => {
    const w = await world();
    const body = { subject: w.subject, action: { name: "read" }, resource: w.resource };
    const anonymous = await post(evaluationRoute.POST, undefined, body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
    const reader = await userWithKey(["identity_owner"], ["read", "write"]);
    const forbidden = await post(evaluationRoute.POST, reader.key, body);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body!.detail).toMatch(/runtime\.authorize/);
    expect((await post(evaluationsRoute.POST, reader.key, { ...body, evaluations: [{}] })).status).toBe(403);
  });

  it("a malformed request is a client error, not a decision: 400 for bad JSON, 422 naming each field", async () => {
    const w = await world();
    const badJson = await call(evaluationRoute.POST, { method: "POST", apiKey: w.key, rawBody: "{ not json" });
    expect(badJson.status).toBe(400);
    const invalid = await post(evaluationRoute.POST, w.key, {
      subject: { type: "nhi" },
      action: {},
      resource: { type: "data_set", id: "" },
      context: { workflow: "not-a-uuid", wokflow: crypto.randomUUID() },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    expect(paths(invalid)).toEqual(expect.arrayContaining(["subject.id", "action.name", "resource.id", "context.workflow", "context"]));
    expect(invalid.body!.detail).toMatch(/unknown field: wokflow/);
  });

  it("an Idempotency-Key never replays an earlier allow after a revoke", async () => {
    const w = await world();
    const body = { subject: w.subject, action: { name: "read" }, resource: w.resource };
    const headers = { "idempotency-key": crypto.randomUUID() };
    expect((await post(evaluationRoute.POST, w.key, body, headers)).body!.decision).toBe(true);
    await revokeEntitlement(systemActor("test"), w.grant.id);
    const again = await post(evaluationRoute.POST, w.key, body, headers);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(again.body).toMatchObject({ decision: false, context: { reason_admin: { code: "no_entitlement" } } });
  });
});

describe("[AUTHZEN] POST /access/v1/evaluations", () => {
  const batch = (w: Awaited<ReturnType<typeof world>>, actions: string[], semantic?: string) =>
    post(evaluationsRoute.POST, w.key, {
      subject: w.subject,
      resource: w.resource,
      ...(semantic ? { options: { evaluations_semantic: semantic } } : {}),
      evaluations: actions.map((name) => ({ action: { name } })),
    });
  const decisionsOf = (res: { body: Record<string, any> | null }) => (res.body!.evaluations as { decision: boolean }[]).map((e) => e.decision);

  it("execute_all (the default) answers every item, top-level fields as defaults", async () => {
    const w = await world();
    const res = await batch(w, ["read", "delete", "write"]);
    expect(res.status).toBe(200);
    expect(decisionsOf(res)).toEqual([true, false, true]);
    expect(res.body!.evaluations[1]).toMatchObject({ context: { reason_admin: { code: "action_not_granted" } } });
    expect(decisionsOf(await batch(w, ["read", "delete", "write"], "execute_all"))).toEqual([true, false, true]);
  });

  it("deny_on_first_deny stops after the first deny; permit_on_first_permit after the first permit", async () => {
    const w = await world();
    expect(decisionsOf(await batch(w, ["read", "delete", "write"], "deny_on_first_deny"))).toEqual([true, false]);
    expect(decisionsOf(await batch(w, ["read", "write"], "deny_on_first_deny"))).toEqual([true, true]);
    expect(decisionsOf(await batch(w, ["delete", "write", "admin"], "permit_on_first_permit"))).toEqual([false, true]);
    expect(decisionsOf(await batch(w, ["delete", "admin"], "permit_on_first_permit"))).toEqual([false, false]);
  });

  it("an item's own subject, resource or context replaces the default", async () => {
    const w = await world();
    const other = await createEntitlement(db);
    const res = await post(evaluationsRoute.POST, w.key, {
      subject: w.subject,
      action: { name: "read" },
      resource: w.resource,
      evaluations: [{}, { resource: { type: "data_set", id: other.dataSetId } }, { subject: { type: "nhi", id: other.nhiId }, resource: { type: "data_set", id: other.dataSetId } }, { context: { workflow: crypto.randomUUID() } }],
    });
    expect(decisionsOf(res)).toEqual([true, false, true, false]);
    expect(res.body!.evaluations[3]).toMatchObject({ context: { reason_admin: { code: "no_entitlement" } } });
  });

  it("without evaluations it is a single evaluation; 422 names an item left without a subject, and an unknown semantic", async () => {
    const w = await world();
    const single = await post(evaluationsRoute.POST, w.key, { subject: w.subject, action: { name: "read" }, resource: w.resource });
    expect(single.body).toMatchObject({ decision: true, context: { id: expect.any(String) } });

    const missing = await post(evaluationsRoute.POST, w.key, {
      action: { name: "read" },
      resource: w.resource,
      options: { evaluations_semantic: "first_match" },
      evaluations: [{ subject: w.subject }, {}],
    });
    expect(missing.status).toBe(422);
    expect(paths(missing)).toEqual(expect.arrayContaining(["options.evaluations_semantic"]));
    const itemOnly = await post(evaluationsRoute.POST, w.key, { action: { name: "read" }, resource: w.resource, evaluations: [{ subject: w.subject }, {}] });
    expect(itemOnly.status).toBe(422);
    expect(paths(itemOnly)).toEqual(["evaluations.1.subject"]);
    const tooMany = await post(evaluationsRoute.POST, w.key, { subject: w.subject, action: { name: "read" }, resource: w.resource, evaluations: Array.from({ length: 101 }, () => ({})) });
    expect(paths(tooMany)).toEqual(["evaluations"]);
  });
});

describe("[AUTHZEN] discovery and the decision log API", () => {
  it("GET /.well-known/authzen-configuration is public and names absolute endpoints", async () => {
    const res = await call(metadataRoute.GET, { path: "/.well-known/authzen-configuration" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      policy_decision_point: appUrl(),
      access_evaluation_endpoint: `${appUrl()}/access/v1/evaluation`,
      access_evaluations_endpoint: `${appUrl()}/access/v1/evaluations`,
    });
    expect(res.body!.access_evaluation_endpoint).toMatch(/^https?:\/\/[^/]+\/access\/v1\/evaluation$/);
  });

  it("GET /api/v1/decisions filters by identity, data set, decision and time, newest first, with an exact cursor", async () => {
    const w = await world();
    const reader = await userWithKey(["auditor"], ["read"]);
    const since = new Date(Date.now() - 1_000).toISOString();
    for (const name of ["read", "delete", "write", "admin", "read"]) await post(evaluationRoute.POST, w.key, { subject: w.subject, action: { name }, resource: w.resource });
    await flushDecisions();

    const list = (query: Record<string, string>) => call(decisionsRoute.GET, { apiKey: reader.key, path: `/api/v1/decisions?${new URLSearchParams(query).toString()}` });
    const all = await list({ identityId: w.grant.nhiId, from: since });
    expect(all.status).toBe(200);
    expect(all.body!.items.map((d: { action: string }) => d.action)).toEqual(["read", "admin", "write", "delete", "read"]);
    expect(all.body!.items[0]).toMatchObject({ decision: true, identity: { id: w.grant.nhiId }, dataSet: { id: w.grant.dataSetId }, workflow: { id: w.grant.workflowId } });

    const denied = await list({ dataSetId: w.grant.dataSetId, decision: "false" });
    expect(denied.body!.items.map((d: { reasonCode: string }) => d.reasonCode)).toEqual(["action_not_granted", "action_not_granted"]);
    expect((await list({ identityId: w.grant.nhiId, to: since })).body!.items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list({ identityId: w.grant.nhiId, limit: "2", ...(cursor ? { cursor } : {}) });
      seen.push(...page.body!.items.map((d: { id: string }) => d.id));
      cursor = page.body!.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body!.items.map((d: { id: string }) => d.id));

    expect((await list({ decision: "maybe" })).status).toBe(422);
    expect((await list({ cursor: "garbage" })).status).toBe(422);
    expect((await call(decisionsRoute.GET, { apiKey: w.key })).status).toBe(403);
  });
});
