import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as decisionRoute from "@/app/api/v1/reviews/[id]/decision/route";
import * as bulkRoute from "@/app/api/v1/reviews/decisions/route";
import * as reviewsRoute from "@/app/api/v1/reviews/route";
import { db } from "@/db";
import { addDays, createCredential, createDataSet, createEntitlement, createWorkflow } from "@/db/seed/factories";
import { entitlements, findings, reviewCampaigns, reviewItems } from "@/db/schema";
import { call, userWithKey } from "../helpers";

const paths = (res: { body: Record<string, any> | null }) => ((res.body!.errors ?? []) as { path: string }[]).map((e) => e.path);
const decide = (apiKey: string | undefined, id: string, body: unknown) => call(decisionRoute.POST, { method: "POST", apiKey, params: { id }, body, path: `/api/v1/reviews/${id}/decision` });
const list = (apiKey: string, query = "") => call(reviewsRoute.GET, { apiKey, path: `/api/v1/reviews${query}` });

/** An open cadence item for a fresh grant of `workflowId`, assigned to `reviewerId`. */
async function openItem(workflowId: string, reviewerId: string, options: { dueInDays?: number; sensitivity?: "internal" | "confidential" | "restricted"; actions?: ("read" | "write")[] } = {}) {
  const dataSet = await createDataSet(db, { sensitivity: options.sensitivity ?? "internal" });
  const grant = await createEntitlement(db, { workflowId, dataSetId: dataSet.id, actions: options.actions ?? ["read"], nextReviewAt: addDays(new Date(), options.dueInDays ?? 5) });
  const [item] = await db.insert(reviewItems).values({ entitlementId: grant.id, reviewerId, dueAt: grant.nextReviewAt! }).returning();
  return { grant, item: item!, dataSet };
}

async function reviewerWorld() {
  const reviewer = await userWithKey(["business_owner"]);
  const workflow = await createWorkflow(db, { businessOwnerId: reviewer.user.id });
  return { ...reviewer, workflow };
}

describe("[REVIEWS] POST /api/v1/reviews/{id}/decision", () => {
  it("401 without credentials, 403 for a key without write scope", async () => {
    const s = await reviewerWorld();
    const { item } = await openItem(s.workflow.id, s.user.id);
    expect((await decide(undefined, item.id, { decision: "certify" })).status).toBe(401);
    const reader = await userWithKey(["business_owner"], ["read"]);
    expect((await decide(reader.key, item.id, { decision: "certify" })).status).toBe(403);
    const auditor = await userWithKey(["auditor"]);
    expect((await decide(auditor.key, item.id, { decision: "certify" })).status).toBe(403);
  });

  it("422 naming the field: unknown decision, missing rationale for revoke, missing delegateTo, actions outside modify, unknown keys", async () => {
    const s = await reviewerWorld();
    const { item } = await openItem(s.workflow.id, s.user.id);
    expect(paths(await decide(s.key, item.id, { decision: "approve" }))).toContain("decision");
    const noRationale = await decide(s.key, item.id, { decision: "revoke" });
    expect(noRationale.status).toBe(422);
    expect(paths(noRationale)).toEqual(["rationale"]);
    expect(paths(await decide(s.key, item.id, { decision: "delegate", rationale: "away" }))).toEqual(["delegateTo"]);
    expect(paths(await decide(s.key, item.id, { decision: "certify", actions: ["read"] }))).toEqual(["actions"]);
    expect(paths(await decide(s.key, item.id, { decision: "modify", rationale: "narrow" }))).toEqual(["actions"]);
    expect((await decide(s.key, item.id, { decision: "certify", reviewerId: s.user.id })).status).toBe(422);
    const modifyWide = await decide(s.key, item.id, { decision: "modify", rationale: "narrow", actions: ["read"] });
    expect(modifyWide.status).toBe(422);
    expect(paths(modifyWide)).toEqual(["actions"]);
    expect((await db.select().from(reviewItems).where(eq(reviewItems.id, item.id)))[0]!.status).toBe("pending");
  });

  it("200 certify; then 409 on a second decision; 404 for a stranger and for a non-uuid id", async () => {
    const s = await reviewerWorld();
    const { item, grant } = await openItem(s.workflow.id, s.user.id);
    const ok = await decide(s.key, item.id, { decision: "certify" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: item.id, status: "decided", decision: "certify", entitlementId: grant.id });
    expect(Date.parse(ok.body!.nextReviewAt)).toBeGreaterThan(Date.now() + 100 * 86_400_000);
    const again = await decide(s.key, item.id, { decision: "revoke", rationale: "double" });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toContain("application/problem+json");
    const stranger = await userWithKey(["business_owner"]);
    expect((await decide(stranger.key, item.id, { decision: "certify" })).status).toBe(404);
    expect((await decide(s.key, "not-a-uuid", { decision: "certify" })).status).toBe(404);
  });

  it("revoke through the API revokes the entitlement", async () => {
    const s = await reviewerWorld();
    const { item, grant } = await openItem(s.workflow.id, s.user.id);
    const res = await decide(s.key, item.id, { decision: "revoke", rationale: "no longer needed" });
    expect(res.status).toBe(200);
    expect(res.body!.revocationId).toEqual(expect.any(String));
    expect((await db.select().from(entitlements).where(eq(entitlements.id, grant.id)))[0]!.status).toBe("revoked");
  });
});

describe("[REVIEWS] POST /api/v1/reviews/decisions (bulk)", () => {
  it("per-item results; 422 naming rationale for a bulk revoke without one, and itemIds when empty", async () => {
    const s = await reviewerWorld();
    const a = await openItem(s.workflow.id, s.user.id);
    const b = await openItem(s.workflow.id, s.user.id);
    const other = await reviewerWorld();
    const c = await openItem(other.workflow.id, other.user.id);
    const post = (body: unknown) => call(bulkRoute.POST, { method: "POST", apiKey: s.key, body, path: "/api/v1/reviews/decisions" });
    expect(paths(await post({ itemIds: [a.item.id], decision: "revoke" }))).toEqual(["rationale"]);
    expect(paths(await post({ itemIds: [], decision: "certify" }))).toEqual(["itemIds"]);
    expect(paths(await post({ itemIds: [a.item.id], decision: "modify", rationale: "x" }))).toEqual(["decision"]);
    const res = await post({ itemIds: [a.item.id, b.item.id, c.item.id], decision: "certify" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ decided: 2, failed: 1 });
    expect(res.body!.results).toEqual([
      expect.objectContaining({ id: a.item.id, ok: true }),
      expect.objectContaining({ id: b.item.id, ok: true }),
      expect.objectContaining({ id: c.item.id, ok: false, status: 404 }),
    ]);
  });
});

describe("[REVIEWS] GET /api/v1/reviews", () => {
  it("my queue ranks by risk then due date and carries the reviewer's context", async () => {
    const s = await reviewerWorld();
    const low = await openItem(s.workflow.id, s.user.id, { dueInDays: 1 });
    const confidential = await openItem(s.workflow.id, s.user.id, { dueInDays: 9, sensitivity: "confidential" });
    const restrictedLate = await openItem(s.workflow.id, s.user.id, { dueInDays: 12, sensitivity: "restricted", actions: ["read", "write"] });
    const restrictedSoon = await openItem(s.workflow.id, s.user.id, { dueInDays: -2, sensitivity: "restricted" });
    const issued = addDays(new Date(), -400);
    await createCredential(db, { nhiId: restrictedLate.grant.nhiId, issuedAt: issued });
    await createCredential(db, { nhiId: restrictedLate.grant.nhiId, issuedAt: addDays(new Date(), -1), kind: "jit_token", jti: crypto.randomUUID() });
    const oldKey = await createCredential(db, { nhiId: restrictedLate.grant.nhiId, issuedAt: addDays(new Date(), -30) });
    await db.insert(findings).values([
      { ruleId: "test.rule", targetType: "nhi", targetId: restrictedLate.grant.nhiId, severity: "high", frameworks: ["OWASP-NHI:NHI7"] },
      { ruleId: "test.rule", targetType: "credential", targetId: oldKey.id, severity: "medium", frameworks: ["OWASP-NHI:NHI7"] },
      { ruleId: "test.other", targetType: "nhi", targetId: restrictedLate.grant.nhiId, severity: "low", frameworks: [], status: "resolved" },
      { ruleId: "test.rule", targetType: "nhi", targetId: low.grant.nhiId, severity: "low", frameworks: [] },
    ]);
    const [campaign] = await db.insert(reviewCampaigns).values({ name: "Q4 access review", stages: ["business_owner"], dueAt: addDays(new Date(), 20) }).returning();
    await db.update(reviewItems).set({ campaignId: campaign!.id }).where(eq(reviewItems.id, confidential.item.id));

    const res = await list(s.key, "?reviewer=me&status=pending");
    expect(res.status).toBe(200);
    expect(res.body!.items.map((i: { id: string }) => i.id)).toEqual([restrictedSoon.item.id, restrictedLate.item.id, confidential.item.id, low.item.id]);
    const [first, second, third] = res.body!.items;
    expect(first).toMatchObject({ overdue: true, risk: 3 });
    expect(second).toMatchObject({
      risk: 3,
      overdue: false,
      escalationLevel: 0,
      stage: "business_owner",
      openFindings: 2,
      credentialAgeDays: 400,
      entitlement: { id: restrictedLate.grant.id, actions: ["read", "write"] },
      dataSet: { id: restrictedLate.dataSet.id, sensitivity: "restricted", environment: "prod" },
      workflow: { id: s.workflow.id },
      identity: { id: restrictedLate.grant.nhiId },
      businessApproval: { name: s.user.name },
      campaign: null,
    });
    expect(second.identityApproval.name).toEqual(expect.any(String));
    expect(third.campaign).toEqual({ id: campaign!.id, name: "Q4 access review" });
  });

  it("keyset pages of the queue cover every item once, in order", async () => {
    const s = await reviewerWorld();
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) ids.add((await openItem(s.workflow.id, s.user.id, { dueInDays: i % 3, sensitivity: i % 2 ? "restricted" : "internal" })).item.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(s.key, `?reviewer=me&status=pending&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.body!.items.map((i: { id: string }) => i.id));
      cursor = res.body!.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(ids);
    expect(paths(await list(s.key, "?cursor=garbage"))).toEqual(["cursor"]);
  });

  it("visibility: reviewers see theirs, business owners their workflows', identity owners and auditors everything; inactive grants are hidden", async () => {
    const owner = await reviewerWorld();
    const delegate = await userWithKey(["business_owner"]);
    const mine = await openItem(owner.workflow.id, owner.user.id);
    const delegated = await openItem(owner.workflow.id, delegate.user.id);
    const revoked = await openItem(owner.workflow.id, owner.user.id);
    await db.update(entitlements).set({ status: "revoked" }).where(eq(entitlements.id, revoked.grant.id));
    const filter = `?workflowId=${owner.workflow.id}`;
    const idsOf = async (key: string, q = filter) => ((await list(key, q)).body!.items as { id: string }[]).map((i) => i.id).sort();

    expect(await idsOf(owner.key)).toEqual([mine.item.id, delegated.item.id].sort());
    expect(await idsOf(delegate.key)).toEqual([delegated.item.id]);
    expect(await idsOf(owner.key, `${filter}&reviewer=me`)).toEqual([mine.item.id]);
    expect(await idsOf((await userWithKey(["business_owner"])).key)).toEqual([]);
    for (const roles of [["identity_owner"], ["auditor"]] as const) {
      expect(await idsOf((await userWithKey([...roles])).key)).toEqual([mine.item.id, delegated.item.id].sort());
    }
    expect(paths(await list(owner.key, "?status=open"))).toEqual(["status"]);
    expect(paths(await list(owner.key, "?reviewer=bob"))).toEqual(["reviewer"]);
    expect((await list(owner.key, "?limit=501")).status).toBe(422);
  });
});

