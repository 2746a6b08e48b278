import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as approveRoute from "@/app/api/v1/exceptions/[id]/approve/route";
import * as denyRoute from "@/app/api/v1/exceptions/[id]/deny/route";
import * as exceptionsRoute from "@/app/api/v1/exceptions/route";
import { db } from "@/db";
import { createDataSet, createEntitlement, createWorkflow } from "@/db/seed/factories";
import { accessExceptions, auditEvents, entitlements } from "@/db/schema";
import { call, userWithKey } from "../helpers";

const MISSING = "00000000-0000-4000-8000-000000000000";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const counts = async () => ({
  exceptions: (await db.select({ n: sql<number>`count(*)::int` }).from(accessExceptions))[0]!.n,
  audit: (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n,
});
const paths = (body: Record<string, any> | null) => ((body?.errors ?? []) as { path: string }[]).map((e) => e.path);

async function world() {
  const bo = await userWithKey(["business_owner"]);
  const io = await userWithKey(["identity_owner"]);
  const [approvedSet, extraSet] = [await createDataSet(db), await createDataSet(db)];
  const workflow = await createWorkflow(db, {
    businessOwnerId: bo.user.id,
    identityOwnerId: io.user.id,
    dataSets: [{ dataSetId: approvedSet.id, actions: ["read"], justification: "Reads tickets." }],
  });
  return { bo, io, workflow, approvedSet, extraSet };
}

const request = (apiKey: string, body: unknown) => call(exceptionsRoute.POST, { method: "POST", path: "/api/v1/exceptions", apiKey, body });
const decide = (handler: typeof approveRoute.POST, apiKey: string, id: string, body: unknown = {}) =>
  call(handler, { method: "POST", path: `/api/v1/exceptions/${id}/x`, apiKey, params: { id }, body });

describe("[EXCEPTIONS] API", () => {
  it("happy path: an identity owner requests, the business owner approves, the exceeding grant is covered", async () => {
    const s = await world();
    const grant = await createEntitlement(db, { workflowId: s.workflow.id, dataSetId: s.extraSet.id, exceedsApprovalSince: new Date() });
    const created = await request(s.io.key, { workflowId: s.workflow.id, dataSetId: s.extraSet.id, actions: ["read"], reason: "Month-end reconciliation", expiresAt: inDays(30) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "pending", requestedById: s.io.user.id, workflowId: s.workflow.id, actions: ["read"] });

    const listed = await call(exceptionsRoute.GET, { apiKey: s.io.key, path: `/api/v1/exceptions?workflowId=${s.workflow.id}&status=pending` });
    expect(listed.status).toBe(200);
    expect(listed.body!.items.map((x: { id: string }) => x.id)).toEqual([created.body!.id]);

    const approved = await decide(approveRoute.POST, s.bo.key, created.body!.id, { comment: "ok until month end" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", decidedById: s.bo.user.id, decisionComment: "ok until month end" });
    expect((await db.select().from(entitlements).where(eq(entitlements.id, grant.id)))[0]!.exceedsApprovalSince).toBeNull();

    const again = await decide(approveRoute.POST, s.bo.key, created.body!.id);
    expect([again.status, again.body!.decidedAt]).toEqual([200, approved.body!.decidedAt]);
    const deny = await decide(denyRoute.POST, s.bo.key, created.body!.id, { comment: "changed my mind" });
    expect(deny.status).toBe(409);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, created.body!.id));
    expect(events.map((e) => e.action)).toEqual(["exception.requested", "exception.approved"]);
  });

  it("answers 422 naming each bad field, and writes nothing", async () => {
    const s = await world();
    const before = await counts();
    const res = await request(s.io.key, { workflowId: "nope", dataSetId: s.extraSet.id, actions: [], reason: "x", expiresAt: inDays(-1), extra: 1 });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(expect.arrayContaining(["workflowId", "actions", "reason", "expiresAt"]));
    const tooLong = await request(s.io.key, { workflowId: s.workflow.id, dataSetId: s.extraSet.id, actions: ["read"], reason: "Long-running backfill", expiresAt: inDays(400) });
    expect([tooLong.status, paths(tooLong.body)]).toEqual([422, ["expiresAt"]]);
    const unknown = await request(s.io.key, { workflowId: MISSING, dataSetId: s.extraSet.id, actions: ["read"], reason: "Long-running backfill", expiresAt: inDays(3) });
    expect([unknown.status, paths(unknown.body)]).toEqual([422, ["workflowId"]]);
    expect(await counts()).toEqual(before);
  });

  it("403 for auditors requesting, and for anyone but the business owner or a delegate deciding", async () => {
    const s = await world();
    const auditor = await userWithKey(["auditor"]);
    const stranger = await userWithKey(["business_owner"]);
    const before = await counts();
    const body = { workflowId: s.workflow.id, dataSetId: s.extraSet.id, actions: ["write"], reason: "Month-end reconciliation", expiresAt: inDays(7) };
    expect((await request(auditor.key, body)).status).toBe(403);
    expect(await counts()).toEqual(before);

    const created = await request(s.io.key, body);
    const afterRequest = await counts();
    for (const key of [s.io.key, stranger.key, auditor.key]) {
      expect((await decide(approveRoute.POST, key, created.body!.id)).status).toBe(403);
      expect((await decide(denyRoute.POST, key, created.body!.id)).status).toBe(403);
    }
    expect(await counts()).toEqual(afterRequest);
    expect((await db.select().from(accessExceptions).where(eq(accessExceptions.id, created.body!.id)))[0]!.status).toBe("pending");

    // The business owner cannot decide an exception they requested themselves.
    const own = await request(s.bo.key, { ...body, actions: ["delete"] });
    expect(own.status).toBe(201);
    expect((await decide(approveRoute.POST, s.bo.key, own.body!.id)).status).toBe(403);
  });

  it("a read-only key cannot request or decide", async () => {
    const s = await world();
    const readOnly = await userWithKey(["business_owner", "identity_owner"], ["read"]);
    const body = { workflowId: s.workflow.id, dataSetId: s.extraSet.id, actions: ["write"], reason: "Month-end reconciliation", expiresAt: inDays(7) };
    expect((await request(readOnly.key, body)).status).toBe(403);
    const created = await request(s.io.key, body);
    expect((await decide(approveRoute.POST, readOnly.key, created.body!.id)).status).toBe(403);
  });

  it("404 for an unknown exception; 409 when approving an expired one", async () => {
    const s = await world();
    expect((await decide(approveRoute.POST, s.bo.key, MISSING)).status).toBe(404);
    expect((await decide(approveRoute.POST, s.bo.key, "not-an-id")).status).toBe(404);
    const created = await request(s.io.key, { workflowId: s.workflow.id, dataSetId: s.extraSet.id, actions: ["read"], reason: "Month-end reconciliation", expiresAt: inDays(1) });
    await db.update(accessExceptions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accessExceptions.id, created.body!.id));
    const before = await counts();
    expect((await decide(approveRoute.POST, s.bo.key, created.body!.id)).status).toBe(409);
    expect(await counts()).toEqual(before);
  });
});
