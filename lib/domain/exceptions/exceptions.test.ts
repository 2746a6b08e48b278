import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createDataSet, createUser, createWorkflow } from "@/db/seed/factories";
import { accessExceptions, auditEvents, notifications } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { decideException, listExceptions, requestException } from "./exceptions";

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** W's business owner, a delegate on its escalation path, strangers, and one pending exception requested by an identity owner. */
async function world() {
  const [businessOwner, delegate, otherBusinessOwner] = [
    await createUser(db, { roles: ["business_owner"] }),
    await createUser(db, { roles: ["business_owner"] }),
    await createUser(db, { roles: ["business_owner"] }),
  ];
  const identityOwner = await createUser(db, { roles: ["identity_owner"] });
  const auditor = await createUser(db, { roles: ["auditor"] });
  const dataSet = await createDataSet(db);
  const w = await createWorkflow(db, { businessOwnerId: businessOwner.id, identityOwnerId: identityOwner.id, escalationPath: [delegate.id] });
  const io = userActor(identityOwner);
  const exception = await requestException(io, { workflowId: w.id, dataSetId: dataSet.id, actions: ["write"], reason: "Quarter-end write-back", expiresAt: inDays(14) });
  return {
    w, dataSet, exception, businessOwner, delegate, identityOwner,
    bo: userActor(businessOwner), dg: userActor(delegate), io, stranger: userActor(otherBusinessOwner), auditor: userActor(auditor),
  };
}

const stored = async (id: string) => (await db.select().from(accessExceptions).where(eq(accessExceptions.id, id)))[0]!;
const audit = (id: string) => db.select().from(auditEvents).where(and(eq(auditEvents.targetType, "exception"), eq(auditEvents.targetId, id))).orderBy(auditEvents.seq);

describe("[EXCEPTIONS] requesting and deciding", () => {
  it("a request is pending, audited, and lands in the business owner's inbox", async () => {
    const s = await world();
    expect(s.exception).toMatchObject({ status: "pending", requestedById: s.identityOwner.id, actions: ["write"] });
    const log = await audit(s.exception.id);
    expect(log.map((e) => [e.action, e.actorId])).toEqual([["exception.requested", s.identityOwner.id]]);
    const inbox = await db.select().from(notifications).where(and(eq(notifications.userId, s.businessOwner.id), eq(notifications.kind, "exception.requested")));
    expect(inbox).toHaveLength(1);
  });

  it("only the business owner or an escalation delegate may decide; others get 403 and nothing is written", async () => {
    const s = await world();
    for (const actor of [s.stranger, s.io, s.auditor]) {
      for (const decision of ["approved", "denied"] as const) {
        expect((await failure(decideException(actor, s.exception.id, decision))).status).toBe(403);
      }
    }
    expect(await stored(s.exception.id)).toEqual(s.exception);
    expect(await audit(s.exception.id)).toHaveLength(1);

    const approved = await decideException(s.dg, s.exception.id, "approved", "ok for the quarter");
    expect(approved).toMatchObject({ status: "approved", decidedById: s.delegate.id, decisionComment: "ok for the quarter" });
  });

  it("the business owner decides; the decision is audited with before/after and the requester is told", async () => {
    const s = await world();
    const approved = await decideException(s.bo, s.exception.id, "approved", "fine");
    expect(approved).toMatchObject({ status: "approved", decidedById: s.businessOwner.id });
    expect(approved.decidedAt).toBeInstanceOf(Date);
    const log = await audit(s.exception.id);
    expect(log.map((e) => [e.action, e.actorId, e.before, e.after, e.reason])).toEqual([
      ["exception.requested", s.identityOwner.id, null, expect.objectContaining({ actions: ["write"] }), "Quarter-end write-back"],
      ["exception.approved", s.businessOwner.id, { status: "pending" }, { status: "approved", workflowId: s.w.id }, "fine"],
    ]);
    const inbox = await db.select().from(notifications).where(and(eq(notifications.userId, s.identityOwner.id), eq(notifications.kind, "exception.approved")));
    expect(inbox).toHaveLength(1);

    const other = await requestException(s.io, { workflowId: s.w.id, dataSetId: s.dataSet.id, actions: ["delete"], reason: "Purge old tickets", expiresAt: inDays(3) });
    await decideException(s.bo, other.id, "denied", "too risky");
    expect((await audit(other.id)).at(-1)).toMatchObject({ action: "exception.denied", before: { status: "pending" }, after: { status: "denied", workflowId: s.w.id }, reason: "too risky" });
  });

  it("nobody decides an exception they requested, not even the business owner", async () => {
    const s = await world();
    const own = await requestException(s.bo, { workflowId: s.w.id, dataSetId: s.dataSet.id, actions: ["read"], reason: "Need to read more", expiresAt: inDays(5) });
    expect((await failure(decideException(s.bo, own.id, "approved"))).status).toBe(403);
    expect((await stored(own.id)).status).toBe("pending");
    expect(await audit(own.id)).toHaveLength(1);
    // The delegate can decide it instead.
    expect((await decideException(s.dg, own.id, "approved")).status).toBe("approved");

    const delegates = await requestException(s.dg, { workflowId: s.w.id, dataSetId: s.dataSet.id, actions: ["admin"], reason: "Need admin briefly", expiresAt: inDays(1) });
    expect((await failure(decideException(s.dg, delegates.id, "denied"))).status).toBe(403);
    expect((await decideException(s.bo, delegates.id, "denied")).status).toBe("denied");
  });

  it("approving twice is a no-op; denying after approval is 409", async () => {
    const s = await world();
    const first = await decideException(s.bo, s.exception.id, "approved");
    const second = await decideException(s.bo, s.exception.id, "approved", "double click");
    expect(second).toEqual(first);
    expect(await stored(s.exception.id)).toEqual(first);
    expect(await audit(s.exception.id)).toHaveLength(2);

    const error = await failure(decideException(s.bo, s.exception.id, "denied"));
    expect(error.status).toBe(409);
    expect(await stored(s.exception.id)).toEqual(first);
    expect(await audit(s.exception.id)).toHaveLength(2);
  });

  it("denying twice is a no-op; approving after denial is 409", async () => {
    const s = await world();
    const denied = await decideException(s.dg, s.exception.id, "denied");
    expect(await decideException(s.bo, s.exception.id, "denied")).toEqual(denied);
    expect((await failure(decideException(s.bo, s.exception.id, "approved"))).status).toBe(409);
    expect((await stored(s.exception.id)).status).toBe("denied");
    expect(await audit(s.exception.id)).toHaveLength(2);
  });

  it("an expired exception cannot be approved (409, nothing written), but can still be denied", async () => {
    const s = await world();
    await db.update(accessExceptions).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(accessExceptions.id, s.exception.id));
    const before = await stored(s.exception.id);
    const error = await failure(decideException(s.bo, s.exception.id, "approved"));
    expect(error.status).toBe(409);
    expect(await stored(s.exception.id)).toEqual(before);
    expect(await audit(s.exception.id)).toHaveLength(1);
    expect((await decideException(s.bo, s.exception.id, "denied")).status).toBe("denied");
  });

  it("refuses requests on a retired or unknown workflow and unknown data sets; 404 for an unknown exception", async () => {
    const s = await world();
    const retired = await createWorkflow(db, { status: "retired" });
    const input = { dataSetId: s.dataSet.id, actions: ["read" as const], reason: "Need to read more", expiresAt: inDays(5) };
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(accessExceptions))[0]!.n;
    const before = await count();
    expect((await failure(requestException(s.io, { ...input, workflowId: retired.id }))).status).toBe(409);
    const unknownWorkflow = await failure(requestException(s.io, { ...input, workflowId: "00000000-0000-4000-8000-000000000000" }));
    expect([unknownWorkflow.status, unknownWorkflow.fieldErrors[0]?.path]).toEqual([422, "workflowId"]);
    const unknownDataSet = await failure(requestException(s.io, { ...input, workflowId: s.w.id, dataSetId: "00000000-0000-4000-8000-000000000000" }));
    expect([unknownDataSet.status, unknownDataSet.fieldErrors[0]?.path]).toEqual([422, "dataSetId"]);
    expect((await failure(requestException(s.auditor, { ...input, workflowId: s.w.id }))).status).toBe(403);
    expect(await count()).toBe(before);
    expect((await failure(decideException(s.bo, "00000000-0000-4000-8000-000000000000", "approved"))).status).toBe(404);
  });

  it("lists exceptions by workflow and status", async () => {
    const s = await world();
    const page = await listExceptions(s.auditor, { workflowId: s.w.id, limit: 50 });
    expect(page.items.map((x) => x.id)).toEqual([s.exception.id]);
    expect((await listExceptions(s.auditor, { workflowId: s.w.id, status: "approved", limit: 50 })).items).toEqual([]);
  });

  it("pages through exceptions created within the same millisecond without skipping any", async () => {
    const s = await world();
    const more = [
      await requestException(s.io, { workflowId: s.w.id, dataSetId: s.dataSet.id, actions: ["read"], reason: "Second deviation", expiresAt: inDays(3) }),
      await requestException(s.io, { workflowId: s.w.id, dataSetId: s.dataSet.id, actions: ["delete"], reason: "Third deviation", expiresAt: inDays(3) }),
    ];
    // Same instant (two share it exactly, one is 100 µs earlier), as concurrent requests produce.
    const all = [s.exception, ...more].map((x) => x.id);
    await db.execute(sql`update access_exceptions set created_at = case id
        when ${all[0]}::uuid then timestamptz '2030-01-01 12:00:00.123100+00'
        else timestamptz '2030-01-01 12:00:00.123200+00' end
      where id in (${sql.join(all.map((id) => sql`${id}::uuid`), sql`, `)})`);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await listExceptions(s.auditor, { workflowId: s.w.id, limit: 1, cursor });
      seen.push(...result.items.map((x) => x.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen.sort()).toEqual([...all].sort());
  });
});
