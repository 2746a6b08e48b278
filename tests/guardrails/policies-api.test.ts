import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as policiesRoute from "@/app/api/v1/policies/route";
import * as policyRoute from "@/app/api/v1/policies/[id]/route";
import * as versionsRoute from "@/app/api/v1/policies/[id]/versions/route";
import * as activateRoute from "@/app/api/v1/policies/versions/[id]/activate/route";
import { db } from "@/db";
import { auditEvents, policies } from "@/db/schema";
import { call, userWithKey } from "../helpers";

const VALID = `forbid (principal, action == Countersign::Action::"delete", resource) when { resource.sensitivity == "restricted" };`;
const create = (apiKey: string, body: unknown) => call(policiesRoute.POST, { method: "POST", path: "/api/v1/policies", apiKey, body });

describe("[GUARDRAILS] policies API: validation on save", () => {
  it("creates version 1 as a draft, classified context-free", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const res = await create(key, { name: "no-restricted-deletes", description: "Deletes of restricted data need a human.", source: VALID });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "no-restricted-deletes", latestVersion: 1, activeVersion: null, kind: "context-free" });
    expect(res.body!.versions[0]).toMatchObject({ version: 1, status: "draft", source: VALID, analysis: { kind: "context-free", forbids: 1, permits: 0 } });
    const got = await call(policyRoute.GET, { path: `/api/v1/policies/${res.body!.id}`, apiKey: key, params: { id: res.body!.id } });
    expect(got.status).toBe(200);
    expect(got.body!.versions).toHaveLength(1);
  });

  it.each([
    ["a misspelt attribute", `forbid (principal, action, resource) when { resource.sensitivty == "restricted" };`, /attribute `sensitivty`.*did you mean `sensitivity`\?.*line 1/],
    ["a type error", `forbid (principal, action, resource) when { context.hour == "9" };`, /type/i],
    ["an unknown context attribute", `forbid (principal, action, resource) when { context.ip == "10.0.0.1" };`, /ip/],
    ["a syntax error", `forbid (principal, action, resource) when { resource.sensitivity == `, /unexpected end of input/],
    ["a template", `forbid (principal == ?principal, action, resource);`, /templates/],
    ["an entity type outside the schema", `forbid (principal is Countersign::User, action, resource);`, /User/],
    ["comments only", `// nothing here yet`, /no policy statement/],
  ])("refuses %s with 422 naming source and Cedar's message, writing nothing", async (_label, source, message) => {
    const { key } = await userWithKey(["identity_owner"]);
    const [before] = await db.select({ n: count() }).from(policies);
    const res = await create(key, { name: "refused-policy", source });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body!.errors).toEqual([{ path: "source", message: expect.stringMatching(message) }]);
    const [after] = await db.select({ n: count() }).from(policies);
    expect(after!.n).toBe(before!.n);
  });

  it("refuses a bad name or an empty source with 422 on those fields, a taken name with 409", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const bad = await create(key, { name: "Not A Slug", source: "  " });
    expect(bad.status).toBe(422);
    expect(bad.body!.errors.map((e: { path: string }) => e.path).sort()).toEqual(["name", "source"]);
    expect((await create(key, { name: "taken-name", source: VALID })).status).toBe(201);
    const again = await create(key, { name: "taken-name", source: VALID });
    expect(again.status).toBe(409);
    expect(again.body!.errors).toEqual([{ path: "name", message: "is taken" }]);
  });

  it("saves a new version as a draft and never edits the old one; an invalid version is 422 on source", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const created = await create(key, { name: "versioned-policy", source: VALID });
    const id = created.body!.id as string;
    const hourly = `forbid (principal, action, resource) when { context.hour < 6 };`;
    const v2 = await call(versionsRoute.POST, { method: "POST", path: `/api/v1/policies/${id}/versions`, apiKey: key, params: { id }, body: { source: hourly } });
    expect(v2.status).toBe(201);
    expect(v2.body!.versions.map((v: { version: number; status: string; source: string }) => [v.version, v.status, v.source])).toEqual([
      [2, "draft", hourly],
      [1, "draft", VALID],
    ]);
    expect(v2.body!.versions[0].analysis).toMatchObject({ kind: "request-context", contextAttributes: ["hour"] });
    const bad = await call(versionsRoute.POST, { method: "POST", path: `/api/v1/policies/${id}/versions`, apiKey: key, params: { id }, body: { source: "permit" } });
    expect(bad.status).toBe(422);
    expect(bad.body!.errors[0].path).toBe("source");
    const unknown = await call(versionsRoute.POST, { method: "POST", path: "/x", apiKey: key, params: { id: crypto.randomUUID() }, body: { source: VALID } });
    expect(unknown.status).toBe(404);
  });

  it("accepts permit statements but reports that they cannot widen access", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const res = await create(key, { name: "permit-only", source: `permit (principal, action, resource);` });
    expect(res.status).toBe(201);
    expect(res.body!.versions[0].analysis).toMatchObject({ forbids: 0, permits: 1 });
  });

  it("needs policies.manage to write (auditors read only) and audits each save and activation", async () => {
    const auditor = await userWithKey(["auditor"]);
    expect((await create(auditor.key, { name: "auditor-policy", source: VALID })).status).toBe(403);
    expect((await call(policiesRoute.GET, { path: "/api/v1/policies", apiKey: auditor.key })).status).toBe(200);

    const owner = await userWithKey(["identity_owner"]);
    const created = await create(owner.key, { name: "audited-policy", source: VALID, reason: "ticket SEC-12" });
    const versionId = created.body!.versions[0].id as string;
    const forbidden = await call(activateRoute.POST, { method: "POST", path: "/x", apiKey: auditor.key, params: { id: versionId }, body: {} });
    expect(forbidden.status).toBe(403);
    const activated = await call(activateRoute.POST, { method: "POST", path: "/x", apiKey: owner.key, params: { id: versionId }, body: { reason: "reviewed" } });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ activated: true, archivedVersion: null, policy: { activeVersion: { version: 1 } } });

    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, versionId)).orderBy(auditEvents.seq);
    expect(events.map((e) => [e.action, e.reason, e.actorId])).toEqual([
      ["policy.created", "ticket SEC-12", owner.user.id],
      ["policy.version_activated", "reviewed", owner.user.id],
    ]);
  });
});
