import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as activateRoute from "@/app/api/v1/workflows/[id]/activate/route";
import * as impactRoute from "@/app/api/v1/workflows/[id]/impact/route";
import * as retireRoute from "@/app/api/v1/workflows/[id]/retire/route";
import * as workflowRoute from "@/app/api/v1/workflows/[id]/route";
import * as workflowsRoute from "@/app/api/v1/workflows/route";
import { db } from "@/db";
import { createDataSet, createEntitlement, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, entitlements, notifications, workflowDataSets, workflowEscalationSteps, workflows } from "@/db/schema";
import { call, userWithKey } from "../helpers";

const PURPOSE = "Summarises inbound support tickets so a human agent can triage them faster each morning.";
const MISSING = "00000000-0000-4000-8000-000000000000";
type Row = { path: string; message: string };

const counts = async () => {
  const n = async (table: typeof workflows | typeof workflowDataSets | typeof auditEvents | typeof workflowEscalationSteps | typeof notifications) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return {
    workflows: await n(workflows),
    dataSets: await n(workflowDataSets),
    escalation: await n(workflowEscalationSteps),
    audit: await n(auditEvents),
    notifications: await n(notifications),
  };
};
const paths = (body: Record<string, any> | null) => ((body?.errors ?? []) as Row[]).map((e) => e.path);
const stored = async (id: string) => (await db.select().from(workflows).where(eq(workflows.id, id)))[0];

/** A business owner and identity owner with keys, and an active workflow of theirs. */
async function owned() {
  const bo = await userWithKey(["business_owner"]);
  const io = await userWithKey(["identity_owner"]);
  const dataSet = await createDataSet(db);
  const workflow = await createWorkflow(db, {
    businessOwnerId: bo.user.id,
    identityOwnerId: io.user.id,
    purpose: PURPOSE,
    dataSets: [{ dataSetId: dataSet.id, actions: ["read", "write"], justification: "Reads and annotates tickets." }],
  });
  return { bo, io, dataSet, workflow };
}

const post = (apiKey: string, body: unknown) => call(workflowsRoute.POST, { method: "POST", path: "/api/v1/workflows", apiKey, body });
const patch = (apiKey: string, id: string, body: unknown) => call(workflowRoute.PATCH, { method: "PATCH", path: `/api/v1/workflows/${id}`, apiKey, params: { id }, body });

describe("[WORKFLOWS] API: declaring", () => {
  it("creates a draft owned by the caller, audited, and tells the identity owner", async () => {
    const { user, key } = await userWithKey(["business_owner"]);
    const io = await createUser(db, { roles: ["identity_owner"] });
    const dataSet = await createDataSet(db);
    const res = await post(key, {
      name: "Ticket summariser",
      purpose: PURPOSE,
      identityOwnerId: io.id,
      dataSets: [{ dataSetId: dataSet.id, actions: ["write", "read"], justification: "Reads tickets to summarise them." }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Ticket summariser", status: "draft", businessOwnerId: user.id, identityOwnerId: io.id });
    expect(res.body!.dataSets).toEqual([expect.objectContaining({ dataSetId: dataSet.id, actions: ["read", "write"] })]);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, res.body!.id));
    expect(events.map((e) => [e.action, e.actorId])).toEqual([["workflow.created", user.id]]);
    expect(await db.select().from(notifications).where(eq(notifications.userId, io.id))).toHaveLength(1);
  });

  it("answers 422 naming each bad field, and writes nothing", async () => {
    const { key, user } = await userWithKey(["business_owner"]);
    const before = await counts();
    const res = await post(key, {
      name: "Bad workflow",
      purpose: "Too short.",
      dataSets: [{ dataSetId: MISSING, actions: [], justification: "x" }],
      escalationPath: [user.id, user.id],
      surprise: true,
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(paths(res.body)).toEqual(expect.arrayContaining(["purpose", "dataSets.0.actions", "dataSets.0.justification", "escalationPath"]));
    expect((res.body!.errors as Row[]).some((e) => /surprise/.test(e.message))).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["an unknown data set", (ids: { io: string; bo: string }) => ({ dataSets: [{ dataSetId: MISSING, actions: ["read"], justification: "Reads tickets to summarise them." }], identityOwnerId: ids.io }), "dataSets.0.dataSetId"],
    ["an unknown escalation user", (ids: { io: string; bo: string }) => ({ escalationPath: [MISSING], identityOwnerId: ids.io }), "escalationPath.0"],
    ["an identity owner who is not one", (ids: { io: string; bo: string }) => ({ identityOwnerId: ids.bo }), "identityOwnerId"],
  ])("answers 422 for %s after validation, rolling the insert back", async (_, extra, path) => {
    const { key } = await userWithKey(["business_owner"]);
    const io = await createUser(db, { roles: ["identity_owner"] });
    const otherBo = await createUser(db, { roles: ["business_owner"] });
    const before = await counts();
    const res = await post(key, { name: `Rolled back ${path}`, purpose: PURPOSE, ...extra({ io: io.id, bo: otherBo.id }) });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual([path]);
    expect(await counts()).toEqual(before);
  });

  it("refuses identity owners, auditors and declaring for someone else (403), writing nothing", async () => {
    const io = await userWithKey(["identity_owner"]);
    const auditor = await userWithKey(["auditor"]);
    const bo = await userWithKey(["business_owner"]);
    const other = await createUser(db, { roles: ["business_owner"] });
    const before = await counts();
    expect((await post(io.key, { name: "By identity owner", purpose: PURPOSE })).status).toBe(403);
    expect((await post(auditor.key, { name: "By auditor", purpose: PURPOSE })).status).toBe(403);
    const forOther = await post(bo.key, { name: "For someone else", purpose: PURPOSE, businessOwnerId: other.id });
    expect(forOther.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("refuses a duplicate name (any case) with 409 naming name, writing nothing", async () => {
    const { workflow, bo } = await owned();
    const before = await counts();
    const res = await post(bo.key, { name: workflow.name.toUpperCase(), purpose: PURPOSE });
    expect(res.status).toBe(409);
    expect(res.body!.errors).toEqual([{ path: "name", message: expect.any(String) }]);
    expect(await counts()).toEqual(before);
    const other = await createWorkflow(db, { businessOwnerId: bo.user.id });
    const rename = await patch(bo.key, other.id, { name: workflow.name });
    expect([rename.status, paths(rename.body)]).toEqual([409, ["name"]]);
    expect((await stored(other.id))!.name).toBe(other.name);
  });
});

describe("[WORKFLOWS] API: editing", () => {
  it("refuses a business owner editing another owner's workflow (403), nothing written", async () => {
    const { workflow } = await owned();
    const stranger = await userWithKey(["business_owner"]);
    const [row, before] = [await stored(workflow.id), await counts()];
    for (const body of [{ purpose: `${PURPOSE} Hijacked.` }, { autonomy: "autonomous" }, { dataSets: [] }, { reviewCadenceDays: 30 }]) {
      expect((await patch(stranger.key, workflow.id, body)).status).toBe(403);
    }
    expect(await stored(workflow.id)).toEqual(row);
    expect(await counts()).toEqual(before);
  });

  it("refuses an empty or no-change edit of another owner's workflow too (403), writing no audit event", async () => {
    const { workflow } = await owned();
    const stranger = await userWithKey(["business_owner"]);
    const [row, before] = [await stored(workflow.id), await counts()];
    for (const body of [{ reason: "just looking" }, {}, { purpose: workflow.purpose, autonomy: workflow.autonomy }]) {
      expect((await patch(stranger.key, workflow.id, body)).status).toBe(403);
    }
    expect(await stored(workflow.id)).toEqual(row);
    expect(await counts()).toEqual(before);
  });

  it("refuses auditors (403)", async () => {
    const { workflow } = await owned();
    const auditor = await userWithKey(["auditor"]);
    const before = await counts();
    expect((await patch(auditor.key, workflow.id, { reviewCadenceDays: 30 })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("lets an identity owner change the review cadence but not the purpose", async () => {
    const { workflow, io } = await owned();
    const ok = await patch(io.key, workflow.id, { reviewCadenceDays: 30, reason: "monthly" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: workflow.id, reviewCadenceDays: 30, impact: { nowExceeding: [] } });
    const [row, before] = [await stored(workflow.id), await counts()];
    expect((await patch(io.key, workflow.id, { purpose: `${PURPOSE} Rewritten.` })).status).toBe(403);
    expect(await stored(workflow.id)).toEqual(row);
    expect(await counts()).toEqual(before);
  });

  it("an active workflow cannot lose its identity owner by PATCH", async () => {
    const { workflow, io } = await owned();
    const [row, before] = [await stored(workflow.id), await counts()];
    const res = await patch(io.key, workflow.id, { identityOwnerId: null });
    expect([409, 422]).toContain(res.status);
    expect(paths(res.body)).toEqual(["identityOwnerId"]);
    expect(await stored(workflow.id)).toEqual(row);
    expect(await counts()).toEqual(before);
  });

  it("answers 422 naming status or businessOwnerId, which have their own endpoints", async () => {
    const { workflow, bo } = await owned();
    const before = await counts();
    const res = await patch(bo.key, workflow.id, { status: "retired" });
    expect([res.status, paths(res.body)]).toEqual([422, ["status"]]);
    const owner = await patch(bo.key, workflow.id, { businessOwnerId: bo.user.id });
    expect([owner.status, paths(owner.body)]).toEqual([422, ["businessOwnerId"]]);
    expect(await counts()).toEqual(before);
    expect((await stored(workflow.id))!.status).toBe("active");
  });

  it("POST /impact previews a narrowing without changing anything", async () => {
    const { workflow, bo, dataSet } = await owned();
    const grant = await createEntitlement(db, { workflowId: workflow.id, dataSetId: dataSet.id, actions: ["read", "write"] });
    const [row, before] = [await stored(workflow.id), await counts()];
    const res = await call(impactRoute.POST, {
      method: "POST",
      path: `/api/v1/workflows/${workflow.id}/impact`,
      apiKey: bo.key,
      params: { id: workflow.id },
      body: { dataSets: [{ dataSetId: dataSet.id, actions: ["read"], justification: "Reads tickets only." }], autonomy: "autonomous" },
    });
    expect(res.status).toBe(200);
    expect(res.body!.nowExceeding.map((e: { id: string }) => e.id)).toEqual([grant.id]);
    expect(res.body!.narrowed).toEqual([{ dataSetId: dataSet.id, dataSetName: dataSet.name, actions: ["write"] }]);
    expect(res.body!.autonomy).toMatchObject({ jitTtlCapSeconds: 900 });
    expect(await stored(workflow.id)).toEqual(row);
    expect(await counts()).toEqual(before);
    expect((await db.select().from(entitlements).where(eq(entitlements.id, grant.id)))[0]!.exceedsApprovalSince).toBeNull();
  });

  it("answers 404 for an unknown or malformed id", async () => {
    const { bo } = await owned();
    expect((await call(workflowRoute.GET, { apiKey: bo.key, params: { id: MISSING } })).status).toBe(404);
    expect((await call(workflowRoute.GET, { apiKey: bo.key, params: { id: "not-a-uuid" } })).status).toBe(404);
    expect((await patch(bo.key, MISSING, { vendor: "x" })).status).toBe(404);
  });
});

describe("[WORKFLOWS] API: lifecycle", () => {
  const lifecycle = (handler: typeof activateRoute.POST, key: string, id: string, body: unknown = {}) =>
    call(handler, { method: "POST", path: `/api/v1/workflows/${id}/x`, apiKey: key, params: { id }, body });

  it("activation names what is missing (409) and writes nothing", async () => {
    const bo = await userWithKey(["business_owner"]);
    const workflow = await createWorkflow(db, { status: "draft", businessOwnerId: bo.user.id, identityOwnerId: null });
    const before = await counts();
    const res = await lifecycle(activateRoute.POST, bo.key, workflow.id);
    expect(res.status).toBe(409);
    expect(paths(res.body).sort()).toEqual(["dataSets", "identityOwnerId"]);
    expect(await counts()).toEqual(before);
  });

  it("retire with dryRun previews and changes nothing; the real retire revokes", async () => {
    const { workflow, bo, dataSet } = await owned();
    const grant = await createEntitlement(db, { workflowId: workflow.id, dataSetId: dataSet.id });
    const [row, before] = [await stored(workflow.id), await counts()];
    const preview = await lifecycle(retireRoute.POST, bo.key, workflow.id, { dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body!.revoked.entitlements.map((e: { id: string }) => e.id)).toEqual([grant.id]);
    expect(await stored(workflow.id)).toEqual(row);
    expect(await counts()).toEqual(before);
    const real = await lifecycle(retireRoute.POST, bo.key, workflow.id, { reason: "done" });
    expect(real.status).toBe(200);
    expect(real.body!.workflow.status).toBe("retired");
    expect((await db.select().from(entitlements).where(eq(entitlements.id, grant.id)))[0]!.status).toBe("revoked");
    expect((await patch(bo.key, workflow.id, { vendor: "x" })).status).toBe(409);
  });
});
