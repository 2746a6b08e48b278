import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as closeRoute from "@/app/api/v1/campaigns/[id]/close/route";
import * as evidenceRoute from "@/app/api/v1/campaigns/[id]/evidence/route";
import * as reassignRoute from "@/app/api/v1/campaigns/[id]/items/[itemId]/reassign/route";
import * as itemsRoute from "@/app/api/v1/campaigns/[id]/items/route";
import * as launchRoute from "@/app/api/v1/campaigns/[id]/launch/route";
import * as remindRoute from "@/app/api/v1/campaigns/[id]/remind/route";
import * as campaignRoute from "@/app/api/v1/campaigns/[id]/route";
import * as campaignsRoute from "@/app/api/v1/campaigns/route";
import { db } from "@/db";
import { createUser } from "@/db/seed/factories";
import { auditEvents } from "@/db/schema";
import { call, userWithKey } from "../helpers";
import { DAY, itemsOf, ownedGrants } from "./world";

const paths = (res: { body: Record<string, any> | null }) => ((res.body!.errors ?? []) as { path: string }[]).map((e) => e.path);
const future = () => new Date(Date.now() + 10 * DAY).toISOString();

describe("[CAMPAIGNS] API", () => {
  it("401 without credentials; 403 for a business owner writing or a key without write scope; GET list open to readers", async () => {
    expect((await call(campaignsRoute.GET, { path: "/api/v1/campaigns" })).status).toBe(401);
    expect((await call(campaignsRoute.POST, { method: "POST", body: { name: "x", dueAt: future() } })).status).toBe(401);
    const owner = await userWithKey(["business_owner"]);
    const refused = await call(campaignsRoute.POST, { method: "POST", apiKey: owner.key, body: { name: "x", dueAt: future() } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    const readOnlyAdmin = await userWithKey(["admin"], ["read"]);
    expect((await call(campaignsRoute.POST, { method: "POST", apiKey: readOnlyAdmin.key, body: { name: "x", dueAt: future() } })).status).toBe(403);
    expect((await call(campaignsRoute.GET, { path: "/api/v1/campaigns", apiKey: owner.key })).status).toBe(200);
    expect((await call(launchRoute.POST, { method: "POST", apiKey: owner.key, params: { id: crypto.randomUUID() }, body: {} })).status).toBe(403);
  });

  it("422 names each invalid field: past due date, unknown stage, duplicate stage, bad filter value, unknown key", async () => {
    const { key } = await userWithKey(["admin"]);
    const res = await call(campaignsRoute.POST, {
      method: "POST",
      apiKey: key,
      body: { name: " ", dueAt: new Date(Date.now() - DAY).toISOString(), stages: ["business_owner", "ceo"], scope: { provider: ["aws", "mainframe"] }, nonResponse: "maybe", owner: "me" },
    });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(expect.arrayContaining(["name", "dueAt", "stages.1", "scope.provider.1", "nonResponse"]));
    const dup = await call(campaignsRoute.POST, { method: "POST", apiKey: key, body: { name: "d", dueAt: future(), stages: ["identity_owner", "identity_owner"] } });
    expect(dup.status).toBe(422);
    expect(paths(dup)).toContain("stages");
    expect((await call(campaignsRoute.POST, { method: "POST", apiKey: key, rawBody: "{" })).status).toBe(400);
    expect((await call(campaignRoute.GET, { apiKey: key, params: { id: "nope" } })).status).toBe(404);
    expect((await call(campaignRoute.GET, { apiKey: key, params: { id: crypto.randomUUID() } })).status).toBe(404);
  });

  it("create → launch (409 twice) → detail → remind → reassign → close → evidence CSV as an attachment, hash audited", async () => {
    const admin = await userWithKey(["admin"]);
    const { bo, grants } = await ownedGrants(2);
    const created = await call(campaignsRoute.POST, { method: "POST", apiKey: admin.key, body: { name: "Q4 access review", scope: { ownerId: bo.id }, dueAt: future(), nonResponse: "keep" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "draft", stages: ["business_owner", "identity_owner"], nonResponse: "keep", ownerId: admin.user.id });
    const id = created.body!.id as string;

    // Evidence of a draft is a conflict.
    expect((await call(evidenceRoute.GET, { path: `/api/v1/campaigns/${id}/evidence?format=csv`, apiKey: admin.key, params: { id } })).status).toBe(409);

    const launched = await call(launchRoute.POST, { method: "POST", apiKey: admin.key, params: { id }, body: { reason: "quarterly" } });
    expect(launched.status).toBe(200);
    expect(launched.body).toMatchObject({ status: "active", populationSize: 2 });
    const again = await call(launchRoute.POST, { method: "POST", apiKey: admin.key, params: { id }, body: {} });
    expect(again.status).toBe(409);
    expect(again.body!.detail).toMatch(/active/);

    const detail = await call(campaignRoute.GET, { apiKey: admin.key, params: { id } });
    expect(detail.status).toBe(200);
    expect(detail.body!.totals).toMatchObject({ population: 2, pending: 2 });
    expect(detail.body!.stages).toHaveLength(2);

    const list = await call(campaignsRoute.GET, { path: "/api/v1/campaigns?status=active", apiKey: admin.key });
    expect(list.body!.items.find((c: { id: string }) => c.id === id)).toMatchObject({ pending: 2, populationSize: 2 });

    expect((await call(remindRoute.POST, { method: "POST", apiKey: admin.key, params: { id }, body: {} })).body).toMatchObject({ reviewersNotified: 1, pendingItems: 2 });

    const listed = await call(itemsRoute.GET, { path: `/api/v1/campaigns/${id}/items?status=pending&limit=1`, apiKey: admin.key, params: { id } });
    expect(listed.status).toBe(200);
    expect(listed.body!.items).toHaveLength(1);
    expect(listed.body!.nextCursor).toEqual(expect.any(String));
    const page2 = await call(itemsRoute.GET, { path: `/api/v1/campaigns/${id}/items?status=pending&limit=1&cursor=${listed.body!.nextCursor}`, apiKey: admin.key, params: { id } });
    expect(page2.body!.items.map((i: { id: string }) => i.id)).not.toContain(listed.body!.items[0].id);
    expect(page2.body!.nextCursor).toBeNull();
    const [item] = await itemsOf(id);
    const other = await createUser(db, { roles: ["business_owner"] });
    const bad = await call(reassignRoute.POST, { method: "POST", apiKey: admin.key, params: { id, itemId: item!.id }, body: { reviewerId: other.id } });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(["reason"]);
    const moved = await call(reassignRoute.POST, { method: "POST", apiKey: admin.key, params: { id, itemId: item!.id }, body: { reviewerId: other.id, reason: "on leave" } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ reviewerId: other.id, delegationReason: "on leave" });

    const closed = await call(closeRoute.POST, { method: "POST", apiKey: admin.key, params: { id }, body: {} });
    expect(closed.body).toMatchObject({ status: "closed", nonResponse: 2, kept: 2 });

    const auditor = await userWithKey(["auditor"]);
    const response = await evidenceRoute.GET(new Request(`http://localhost/api/v1/campaigns/${id}/evidence?format=csv`, { headers: { authorization: `Bearer ${auditor.key}` } }), {
      params: Promise.resolve({ id }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="q4-access-review-evidence.csv"');
    const body = await response.text();
    expect(body.split("\r\n")[0]).toMatch(/^item_id,entitlement_id,stage,item_status,decision,outcome,rationale,reviewer/);
    for (const g of grants) expect(body).toContain(g.id);
    expect(body).toContain("equation,population 2 = decided 0");
    const sha = crypto.createHash("sha256").update(body, "utf8").digest("hex");
    expect(response.headers.get("x-evidence-sha256")).toBe(sha);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "campaign.evidence_exported"), eq(auditEvents.actorId, auditor.user.id)));
    expect(audit!.after).toMatchObject({ sha256: sha, format: "csv" });

    const bogus = await call(evidenceRoute.GET, { path: `/api/v1/campaigns/${id}/evidence?format=xlsx`, apiKey: auditor.key, params: { id } });
    expect(bogus.status).toBe(422);
    expect(paths(bogus)).toEqual(["format"]);
  });
});
