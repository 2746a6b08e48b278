import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { type WorkflowOverrides, createDataSet, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { accessExceptions, auditEvents, entitlements, nhis, notifications, workflowNhis } from "@/db/schema";
import { type Actor, userActor } from "@/lib/domain/actor";
import { decideException, requestException } from "@/lib/domain/exceptions/exceptions";
import { AppError } from "@/lib/errors";
import { requestEntitlementInput } from "@/lib/validation/entitlements";
import { approveEntitlement, denyEntitlement } from "./decide-entitlement";
import { requestEntitlement } from "./request-entitlement";

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
type Fields = Record<string, unknown>;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const count = async (table: typeof entitlements | typeof auditEvents | typeof workflowNhis | typeof notifications) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const counts = async () => Promise.all([count(entitlements), count(auditEvents), count(workflowNhis), count(notifications)]);

/** A workflow approved for `read` on one data set; another data set it is not approved for. */
async function world(workflow: WorkflowOverrides = {}, nhi: Partial<typeof nhis.$inferInsert> = {}) {
  const businessOwner = await createUser(db, { roles: ["business_owner"] });
  const identityOwner = await createUser(db, { roles: ["identity_owner"] });
  const requester = await createUser(db, { roles: ["identity_owner"] });
  const approved = await createDataSet(db);
  const other = await createDataSet(db);
  const w = await createWorkflow(db, {
    businessOwnerId: businessOwner.id,
    identityOwnerId: identityOwner.id,
    dataSets: [{ dataSetId: approved.id, actions: ["read"], justification: "Reads records to summarise them" }],
    ...workflow,
  });
  const n = await createNhi(db, nhi);
  const rq = userActor(requester);
  const ask = (fields: Fields = {}, actor: Actor = rq) =>
    requestEntitlement(
      actor,
      requestEntitlementInput.parse({
        workflowId: w.id,
        identityId: n.id,
        dataSetId: approved.id,
        actions: ["read"],
        justification: "Summarises the records for the weekly report",
        ...fields,
      }),
    );
  /** An exception on `dataSetId` for `actions`, requested by the requester and decided by the business owner. */
  const exception = async (dataSetId: string, actions: ("read" | "write")[], decision: "approved" | "denied" | null) => {
    const x = await requestException(rq, { workflowId: w.id, dataSetId, actions, reason: "Quarter-end write-back", expiresAt: inDays(7) });
    return decision ? decideException(userActor(businessOwner), x.id, decision) : x;
  };
  return { w, n, approved, other, businessOwner, identityOwner, requester, rq, ask, exception };
}

describe("[ENTITLEMENTS] invariant 1: access lies within the workflow's approval or an approved, unexpired exception", () => {
  it("a request inside the approved data set and actions is pending, audited and sent to both sides", async () => {
    const s = await world();
    const grant = await s.ask();
    expect(grant).toMatchObject({ status: "pending", workflowId: s.w.id, nhiId: s.n.id, dataSetId: s.approved.id, actions: ["read"], requestedById: s.requester.id });
    expect(grant.businessApprovedById).toBeNull();
    expect(grant.identityApprovedById).toBeNull();
    const log = await db.select().from(auditEvents).where(and(eq(auditEvents.targetType, "entitlement"), eq(auditEvents.targetId, grant.id)));
    expect(log.map((e) => [e.action, e.actorId])).toEqual([["entitlement.requested", s.requester.id]]);
    const asked = await db.select().from(notifications).where(eq(notifications.kind, "entitlement.approval_needed"));
    expect(asked.map((x) => x.userId).sort()).toEqual([s.businessOwner.id, s.identityOwner.id].sort());
  });

  it("a data set the workflow is not approved for is refused with 422 on `actions` naming the workflow, and nothing is written", async () => {
    const s = await world();
    const before = await counts();
    const error = await failure(s.ask({ dataSetId: s.other.id }));
    expect(error.status).toBe(422);
    expect(error.fieldErrors.map((e) => e.path)).toEqual(["actions"]);
    expect(error.fieldErrors[0]!.message).toContain(s.w.name);
    expect(error.message).toContain(s.w.name);
    expect(await counts()).toEqual(before);
  });

  it("an action outside the approved actions is refused (approved read, requested write or read+write)", async () => {
    const s = await world();
    const before = await counts();
    for (const actions of [["write"], ["read", "write"], ["delete"]]) {
      const error = await failure(s.ask({ actions }));
      expect(error.status).toBe(422);
      expect(error.fieldErrors.map((e) => e.path)).toEqual(["actions"]);
    }
    expect(await counts()).toEqual(before);
  });

  it("an approved, unexpired exception covers what the approval does not", async () => {
    const s = await world();
    await s.exception(s.approved.id, ["write"], "approved");
    const grant = await s.ask({ actions: ["read", "write"] });
    expect(grant).toMatchObject({ status: "pending", actions: ["read", "write"] });

    await s.exception(s.other.id, ["read"], "approved");
    expect((await s.ask({ dataSetId: s.other.id })).status).toBe("pending");
  });

  it("the same exception once expired no longer covers anything", async () => {
    const s = await world();
    const x = await s.exception(s.other.id, ["read"], "approved");
    await db.execute(sql`update access_exceptions set expires_at = now() - interval '1 minute' where id = ${x.id}`);
    const before = await counts();
    const error = await failure(s.ask({ dataSetId: s.other.id }));
    expect(error.status).toBe(422);
    expect(error.fieldErrors.map((e) => e.path)).toEqual(["actions"]);
    expect(await counts()).toEqual(before);
  });

  it("a pending or denied exception covers nothing, nor does one for another action or data set", async () => {
    const s = await world();
    await s.exception(s.other.id, ["read"], null);
    expect((await failure(s.ask({ dataSetId: s.other.id }))).status).toBe(422);
    const denied = await world();
    await denied.exception(denied.other.id, ["read"], "denied");
    expect((await failure(denied.ask({ dataSetId: denied.other.id }))).status).toBe(422);
    const [x] = await db.select().from(accessExceptions).where(eq(accessExceptions.workflowId, denied.w.id));
    expect(x!.status).toBe("denied");

    const narrow = await world();
    await narrow.exception(narrow.other.id, ["read"], "approved");
    expect((await failure(narrow.ask({ dataSetId: narrow.other.id, actions: ["write"] }))).status).toBe(422);
    expect((await failure(narrow.ask({ dataSetId: (await createDataSet(db)).id }))).status).toBe(422);
  });

  it("an exception of another workflow covers nothing here", async () => {
    const s = await world();
    const elsewhere = await world();
    await db.insert(accessExceptions).values({
      workflowId: elsewhere.w.id, dataSetId: s.other.id, actions: ["read"], reason: "Other workflow", status: "approved", expiresAt: inDays(7),
    });
    expect((await failure(s.ask({ dataSetId: s.other.id }))).status).toBe(422);
  });

  it("a JIT max TTL above the cap is refused on `maxTtlSeconds`: utility 3600, privileged 900, or the workflow's own cap", async () => {
    const cases = [
      { workflow: {}, nhi: { classification: "utility" }, cap: 3600 },
      { workflow: {}, nhi: { classification: "privileged" }, cap: 900 },
      { workflow: { maxJitTtlSeconds: 300 }, nhi: { classification: "utility" }, cap: 300 },
      { workflow: { maxJitTtlSeconds: 1800 }, nhi: { classification: "privileged" }, cap: 900 },
    ] as const;
    for (const c of cases) {
      const s = await world(c.workflow, c.nhi);
      const before = await counts();
      const error = await failure(s.ask({ jit: true, maxTtlSeconds: c.cap + 1 }));
      expect(error.status).toBe(422);
      expect(error.fieldErrors.map((e) => e.path)).toEqual(["maxTtlSeconds"]);
      expect(await counts()).toEqual(before);
      expect(await s.ask({ jit: true, maxTtlSeconds: c.cap })).toMatchObject({ status: "pending", jit: true, maxTtlSeconds: c.cap });
    }
  });

  it("a JIT request without a TTL gets the cap; a non-JIT request has none", async () => {
    const s = await world({ maxJitTtlSeconds: 600 });
    expect(await s.ask({ jit: true })).toMatchObject({ jit: true, maxTtlSeconds: 600 });
    const p = await world({}, { classification: "privileged" });
    expect(await p.ask({ jit: true })).toMatchObject({ jit: true, maxTtlSeconds: 900 });
    const u = await world();
    expect(await u.ask()).toMatchObject({ jit: false, maxTtlSeconds: null });
  });

  it("a retired workflow or a suspended/decommissioned NHI is refused, and nothing is written", async () => {
    const retired = await world({ status: "retired" });
    let before = await counts();
    const e1 = await failure(retired.ask());
    expect(e1.status).toBe(422);
    expect(e1.fieldErrors.map((e) => e.path)).toEqual(["workflowId"]);
    expect(await counts()).toEqual(before);

    for (const status of ["suspended", "decommissioned"] as const) {
      const s = await world({}, { status });
      before = await counts();
      const e2 = await failure(s.ask());
      expect(e2.status).toBe(422);
      expect(e2.fieldErrors.map((e) => e.path)).toEqual(["identityId"]);
      expect(await counts()).toEqual(before);
    }
  });

  it("a second open request for the same (workflow, NHI, data set) is a 409; after a denial a new request is allowed", async () => {
    const s = await world();
    const first = await s.ask();
    const before = await counts();
    const again = await failure(s.ask({ justification: "Asking a second time for the same access" }));
    expect(again.status).toBe(409);
    expect(again.fieldErrors.map((e) => e.path)).toEqual(["dataSetId"]);
    const byOther = await failure(s.ask({}, userActor(s.identityOwner)));
    expect(byOther.status).toBe(409);
    expect(await counts()).toEqual(before);

    await denyEntitlement(userActor(s.businessOwner), first.id, "business", "Not needed this quarter");
    expect((await s.ask()).status).toBe("pending");
  });

  it("requesting binds the NHI to the workflow (audited once), and a second data set does not bind twice", async () => {
    const s = await world();
    const second = await createDataSet(db);
    await db.execute(sql`insert into workflow_data_sets (workflow_id, data_set_id, actions, justification)
      values (${s.w.id}, ${second.id}, '{read}', 'Also reads this')`);
    expect(await db.select().from(workflowNhis).where(eq(workflowNhis.nhiId, s.n.id))).toEqual([]);
    await s.ask();
    await s.ask({ dataSetId: second.id });
    const bindings = await db.select().from(workflowNhis).where(eq(workflowNhis.nhiId, s.n.id));
    expect(bindings.map((b) => [b.workflowId, b.boundById])).toEqual([[s.w.id, s.requester.id]]);
    const bound = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "identity.bound"), eq(auditEvents.targetId, s.n.id)));
    expect(bound).toHaveLength(1);
  });

  it("coverage is checked again when the grant would become active: an exception that expired meanwhile blocks activation", async () => {
    const s = await world();
    const x = await s.exception(s.other.id, ["read"], "approved");
    const grant = await s.ask({ dataSetId: s.other.id });
    await approveEntitlement(userActor(s.businessOwner), grant.id, "business");
    await db.execute(sql`update access_exceptions set expires_at = now() - interval '1 minute' where id = ${x.id}`);
    const error = await failure(approveEntitlement(userActor(s.identityOwner), grant.id, "identity"));
    expect([409, 422]).toContain(error.status);
    const [row] = await db.select().from(entitlements).where(eq(entitlements.id, grant.id));
    expect(row!.status).not.toBe("active");
  });

  it("coverage is checked again when the grant would become active: a narrowed approval blocks activation", async () => {
    const s = await world();
    const grant = await s.ask();
    await approveEntitlement(userActor(s.identityOwner), grant.id, "identity");
    await db.execute(sql`delete from workflow_data_sets where workflow_id = ${s.w.id}`);
    const error = await failure(approveEntitlement(userActor(s.businessOwner), grant.id, "business"));
    expect([409, 422]).toContain(error.status);
    const [row] = await db.select().from(entitlements).where(eq(entitlements.id, grant.id));
    expect(row!.status).not.toBe("active");
  });

  it("a caller without the request permission (auditor) is refused with 403", async () => {
    const s = await world();
    const auditor = userActor(await createUser(db, { roles: ["auditor"] }));
    const before = await counts();
    expect((await failure(s.ask({}, auditor))).status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
