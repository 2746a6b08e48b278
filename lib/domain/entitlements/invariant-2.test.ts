import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as approveRoute from "@/app/api/v1/entitlements/[id]/approve/route";
import { db } from "@/db";
import { type WorkflowOverrides, createDataSet, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { type SENSITIVITIES, auditEvents, entitlements, nhis, notifications } from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { userActor } from "@/lib/domain/actor";
import { DAY_MS } from "@/lib/domain/policy";
import { AppError } from "@/lib/errors";
import { requestEntitlementInput } from "@/lib/validation/entitlements";
import { call, userWithKey } from "@/tests/helpers";
import { approveEntitlement, denyEntitlement } from "./decide-entitlement";
import { requestEntitlement } from "./request-entitlement";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

type Options = {
  sensitivity?: (typeof SENSITIVITIES)[number];
  nhi?: Partial<typeof nhis.$inferInsert>;
  workflow?: WorkflowOverrides;
  businessOwnerRoles?: Role[];
};

/** A pending request made by a third person (an identity owner who is also on the escalation path). */
async function pending(options: Options = {}) {
  const person = (roles: Role[]) => createUser(db, { roles });
  const businessOwner = await person(options.businessOwnerRoles ?? ["business_owner"]);
  const [delegate, otherBusinessOwner, identityOwner, identityOwner2, auditor] = [
    await person(["business_owner"]), await person(["business_owner"]), await person(["identity_owner"]), await person(["identity_owner"]), await person(["auditor"]),
  ];
  const requester = await person(["identity_owner", "business_owner"]);
  const dataSet = await createDataSet(db, { sensitivity: options.sensitivity ?? "internal" });
  const w = await createWorkflow(db, {
    businessOwnerId: businessOwner.id,
    identityOwnerId: identityOwner.id,
    escalationPath: [delegate.id, requester.id],
    dataSets: [{ dataSetId: dataSet.id, actions: ["read"], justification: "Reads records" }],
    ...options.workflow,
  });
  await createWorkflow(db, { businessOwnerId: otherBusinessOwner.id });
  const nhi = await createNhi(db, options.nhi);
  const grant = await requestEntitlement(
    userActor(requester),
    requestEntitlementInput.parse({ workflowId: w.id, identityId: nhi.id, dataSetId: dataSet.id, actions: ["read"], justification: "Summarises records weekly" }),
  );
  const a = (u: { id: string; email: string; roles: Role[] }) => userActor(u);
  return {
    grant, w, nhi, dataSet, businessOwner, delegate, identityOwner, identityOwner2, requester,
    bo: a(businessOwner), dg: a(delegate), other: a(otherBusinessOwner), io: a(identityOwner), io2: a(identityOwner2), rq: a(requester), auditor: a(auditor),
  };
}

const stored = async (id: string) => (await db.select().from(entitlements).where(eq(entitlements.id, id)))[0]!;
const history = async (id: string) =>
  (await db.select().from(auditEvents).where(and(eq(auditEvents.targetType, "entitlement"), eq(auditEvents.targetId, id))).orderBy(auditEvents.seq)).map((e) => [e.action, e.actorId]);
const inbox = (userId: string, kind: string) => db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

describe("[ENTITLEMENTS] invariant 2: dual control", () => {
  it("one side alone leaves it pending; both make it active; every step is audited and the requester is told", async () => {
    for (const first of ["business", "identity"] as const) {
      const s = await pending();
      const one = first === "business" ? await approveEntitlement(s.bo, s.grant.id, "business") : await approveEntitlement(s.io, s.grant.id, "identity");
      expect(one.status).toBe("pending");
      expect((await stored(s.grant.id)).status).toBe("pending");
      expect(await inbox(s.requester.id, "entitlement.activated")).toHaveLength(0);
      const both = first === "business" ? await approveEntitlement(s.io, s.grant.id, "identity", "ok") : await approveEntitlement(s.bo, s.grant.id, "business", "ok");
      expect(both).toMatchObject({ status: "active", businessApprovedById: s.businessOwner.id, identityApprovedById: s.identityOwner.id });
      expect(await history(s.grant.id)).toEqual([
        ["entitlement.requested", s.requester.id],
        first === "business" ? ["entitlement.approved_business", s.businessOwner.id] : ["entitlement.approved_identity", s.identityOwner.id],
        ["entitlement.activated", first === "business" ? s.identityOwner.id : s.businessOwner.id],
      ]);
      const told = await inbox(s.requester.id, "entitlement.activated");
      expect(told).toHaveLength(1);
    }
  });

  it.each([
    ["restricted data", 30, { sensitivity: "restricted" }],
    ["confidential data", 90, { sensitivity: "confidential" }],
    ["internal data, utility NHI, assistive workflow", 180, {}],
    ["public data, utility NHI, automated workflow", 180, { sensitivity: "public", workflow: { autonomy: "automated" } }],
    ["a privileged NHI", 30, { nhi: { classification: "privileged" } }],
    ["an autonomous workflow", 30, { workflow: { autonomy: "autonomous" } }],
    ["a workflow cadence shorter than the risk's", 14, { sensitivity: "confidential", workflow: { reviewCadenceDays: 14 } }],
    ["a workflow cadence longer than the risk's (risk wins)", 90, { sensitivity: "confidential", workflow: { reviewCadenceDays: 365 } }],
  ] as [string, number, Options][])("activation sets the cadence from risk: %s → %i days", async (_, days, options) => {
    const s = await pending(options);
    await approveEntitlement(s.bo, s.grant.id, "business");
    const before = Date.now();
    await approveEntitlement(s.io, s.grant.id, "identity");
    const after = Date.now();
    const row = await stored(s.grant.id);
    expect(row.cadenceDays).toBe(days);
    expect(row.nextReviewAt!.getTime()).toBeGreaterThanOrEqual(before + days * DAY_MS);
    expect(row.nextReviewAt!.getTime()).toBeLessThanOrEqual(after + days * DAY_MS);
  });

  it("the requester cannot sign either side, although otherwise eligible for both (403, nothing written)", async () => {
    const s = await pending();
    for (const side of ["business", "identity"] as const) {
      expect((await failure(approveEntitlement(s.rq, s.grant.id, side))).status).toBe(403);
      expect((await failure(denyEntitlement(s.rq, s.grant.id, side, "no thanks"))).status).toBe(403);
    }
    expect(await stored(s.grant.id)).toEqual(s.grant);
    expect(await history(s.grant.id)).toHaveLength(1);
  });

  it("only the workflow's business owner or an escalation delegate signs the business side", async () => {
    const s = await pending();
    expect((await failure(approveEntitlement(s.other, s.grant.id, "business"))).status).toBe(403);
    expect((await failure(denyEntitlement(s.other, s.grant.id, "business", "not mine"))).status).toBe(403);
    expect((await failure(approveEntitlement(s.io, s.grant.id, "business"))).status).toBe(403);
    expect((await failure(approveEntitlement(s.auditor, s.grant.id, "business"))).status).toBe(403);
    expect(await stored(s.grant.id)).toEqual(s.grant);
    const signed = await approveEntitlement(s.dg, s.grant.id, "business");
    expect(signed).toMatchObject({ status: "pending", businessApprovedById: s.delegate.id });
  });

  it("only an identity owner signs the identity side", async () => {
    const s = await pending();
    for (const actor of [s.bo, s.dg, s.other, s.auditor]) {
      expect((await failure(approveEntitlement(actor, s.grant.id, "identity"))).status).toBe(403);
    }
    expect(await stored(s.grant.id)).toEqual(s.grant);
    expect(await approveEntitlement(s.io2, s.grant.id, "identity")).toMatchObject({ status: "pending", identityApprovedById: s.identityOwner2.id });
  });

  it("one person holding both roles cannot sign both sides, in either order", async () => {
    for (const first of ["business", "identity"] as const) {
      const s = await pending({ businessOwnerRoles: ["business_owner", "identity_owner"] });
      await approveEntitlement(s.bo, s.grant.id, first);
      const second = first === "business" ? "identity" : "business";
      expect((await failure(approveEntitlement(s.bo, s.grant.id, second))).status).toBe(403);
      const row = await stored(s.grant.id);
      expect(row.status).toBe("pending");
      expect(row[second === "business" ? "businessApprovedById" : "identityApprovedById"]).toBeNull();
    }
  });

  it("a double click on approve is a no-op: same result, one audit event", async () => {
    const s = await pending();
    const first = await approveEntitlement(s.bo, s.grant.id, "business");
    const again = await approveEntitlement(s.bo, s.grant.id, "business");
    expect(again).toEqual(first);
    const active = await approveEntitlement(s.io, s.grant.id, "identity");
    expect(await approveEntitlement(s.io, s.grant.id, "identity")).toEqual(active);
    expect(await approveEntitlement(s.bo, s.grant.id, "business")).toEqual(active);
    expect(await history(s.grant.id)).toEqual([
      ["entitlement.requested", s.requester.id],
      ["entitlement.approved_business", s.businessOwner.id],
      ["entitlement.activated", s.identityOwner.id],
    ]);
    expect(await inbox(s.requester.id, "entitlement.activated")).toHaveLength(1);
  });

  it("a second eligible person on a signed side gets 409", async () => {
    const s = await pending();
    await approveEntitlement(s.bo, s.grant.id, "business");
    expect((await failure(approveEntitlement(s.dg, s.grant.id, "business"))).status).toBe(409);
    await approveEntitlement(s.io, s.grant.id, "identity");
    expect((await failure(approveEntitlement(s.io2, s.grant.id, "identity"))).status).toBe(409);
  });

  it("deny with a comment → denied, audited, the requester notified; approving afterwards is a 409", async () => {
    const s = await pending();
    await approveEntitlement(s.io, s.grant.id, "identity");
    const denied = await denyEntitlement(s.bo, s.grant.id, "business", "Not needed this quarter");
    expect(denied).toMatchObject({ status: "denied", deniedById: s.businessOwner.id, denialComment: "Not needed this quarter" });
    const told = await inbox(s.requester.id, "entitlement.denied");
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toBe("Not needed this quarter");
    expect(await denyEntitlement(s.bo, s.grant.id, "business", "Not needed this quarter")).toMatchObject({ status: "denied" });

    expect((await failure(approveEntitlement(s.dg, s.grant.id, "business"))).status).toBe(409);
    expect((await failure(approveEntitlement(s.io2, s.grant.id, "identity"))).status).toBe(409);
    expect((await failure(approveEntitlement(s.io, s.grant.id, "identity"))).status).toBe(409);
    expect(await stored(s.grant.id)).toMatchObject({ status: "denied" });
    expect(await history(s.grant.id)).toEqual([
      ["entitlement.requested", s.requester.id],
      ["entitlement.approved_identity", s.identityOwner.id],
      ["entitlement.denied", s.businessOwner.id],
    ]);
  });

  it("the person who denied cannot turn it around: their approve is a 409, not a silent 200", async () => {
    const s = await pending();
    await denyEntitlement(s.bo, s.grant.id, "business", "Not needed this quarter");
    expect((await failure(approveEntitlement(s.bo, s.grant.id, "business"))).status).toBe(409);
  });

  it("a signer cannot deny an active entitlement: 409, not a silent 200 (revoke is the way out)", async () => {
    const s = await pending();
    await approveEntitlement(s.bo, s.grant.id, "business");
    await approveEntitlement(s.io, s.grant.id, "identity");
    expect((await failure(denyEntitlement(s.bo, s.grant.id, "business", "changed my mind"))).status).toBe(409);
    expect((await failure(denyEntitlement(s.dg, s.grant.id, "business", "changed my mind"))).status).toBe(409);
    expect((await stored(s.grant.id)).status).toBe("active");
  });

  it("concurrency: 10 parallel approvals by two people per side end in one active row and one activation event", async () => {
    const s = await pending();
    const signers = [
      () => approveEntitlement(s.bo, s.grant.id, "business"),
      () => approveEntitlement(s.io, s.grant.id, "identity"),
      () => approveEntitlement(s.dg, s.grant.id, "business"),
      () => approveEntitlement(s.io2, s.grant.id, "identity"),
    ];
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => signers[i % signers.length]!()));
    for (const r of results) {
      if (r.status === "rejected") expect((r.reason as AppError).status).toBe(409);
    }
    expect(results.some((r) => r.status === "fulfilled" && r.value.status === "active")).toBe(true);
    const rows = await db.select().from(entitlements).where(and(eq(entitlements.workflowId, s.w.id), eq(entitlements.nhiId, s.nhi.id)));
    expect(rows.map((r) => r.status)).toEqual(["active"]);
    expect([s.businessOwner.id, s.delegate.id]).toContain(rows[0]!.businessApprovedById);
    expect([s.identityOwner.id, s.identityOwner2.id]).toContain(rows[0]!.identityApprovedById);
    const log = await history(s.grant.id);
    expect(log.filter(([a]) => a === "entitlement.activated")).toHaveLength(1);
    expect(log.filter(([a]) => String(a).startsWith("entitlement.approved_"))).toHaveLength(1);
    expect(await inbox(s.requester.id, "entitlement.activated")).toHaveLength(1);
    const [n] = await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where target_id = ${s.grant.id}`);
    expect(n!.n).toBe(3);
  });

  it("[API] approve answers 403 for the requester and 422 for a bad side, 200 for an eligible signer", async () => {
    const s = await pending();
    const requesterKey = await userWithKey(["identity_owner"]);
    const mine = await requestEntitlement(
      requesterKey.actor,
      requestEntitlementInput.parse({ workflowId: s.w.id, identityId: (await createNhi(db)).id, dataSetId: s.dataSet.id, actions: ["read"], justification: "Summarises records weekly" }),
    );
    const path = `/api/v1/entitlements/${mine.id}/approve`;
    const self = await call(approveRoute.POST, { method: "POST", path, apiKey: requesterKey.key, params: { id: mine.id }, body: { side: "identity" } });
    expect(self.status).toBe(403);
    const signer = await userWithKey(["identity_owner"]);
    const bad = await call(approveRoute.POST, { method: "POST", path, apiKey: signer.key, params: { id: mine.id }, body: { side: "both" } });
    expect(bad.status).toBe(422);
    expect(bad.body!.errors.map((e: { path: string }) => e.path)).toEqual(["side"]);
    const ok = await call(approveRoute.POST, { method: "POST", path, apiKey: signer.key, params: { id: mine.id }, body: { side: "identity" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "pending", identityApprovedById: signer.user.id });
  });
});
