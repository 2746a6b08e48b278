import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createDataSet, createEntitlement, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { accessExceptions, auditEvents, entitlements, notifications } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { actionsCovered, refreshApprovalCoverage } from "@/lib/domain/approvals/coverage";
import { decideException, requestException } from "@/lib/domain/exceptions/exceptions";
import { updateWorkflow } from "./update-workflow";

const JUSTIFICATION = "Needed for the workflow's task.";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/** W approves D1 {read, write} and D2 {read}; e1 = D1 read, e2 = D1 read+write, e3 = D2 read, plus a revoked grant. */
async function world() {
  const businessOwner = await createUser(db, { roles: ["business_owner"] });
  const identityOwner = await createUser(db, { roles: ["identity_owner"] });
  const [d1, d2] = [await createDataSet(db, { name: `Tickets ${crypto.randomUUID()}` }), await createDataSet(db)];
  const full = [
    { dataSetId: d1.id, actions: ["read", "write"] as ("read" | "write")[], justification: JUSTIFICATION },
    { dataSetId: d2.id, actions: ["read"] as ("read" | "write")[], justification: JUSTIFICATION },
  ];
  const w = await createWorkflow(db, { businessOwnerId: businessOwner.id, identityOwnerId: identityOwner.id, dataSets: full });
  const [n1, n2] = [await createNhi(db), await createNhi(db)];
  const e1 = await createEntitlement(db, { workflowId: w.id, dataSetId: d1.id, nhiId: n1.id, actions: ["read"] });
  const e2 = await createEntitlement(db, { workflowId: w.id, dataSetId: d1.id, nhiId: n2.id, actions: ["read", "write"], status: "pending" });
  const e3 = await createEntitlement(db, { workflowId: w.id, dataSetId: d2.id, nhiId: n1.id, actions: ["read"] });
  const eRevoked = await createEntitlement(db, { workflowId: w.id, dataSetId: d2.id, nhiId: n2.id, actions: ["read"], status: "revoked" });
  return { w, d1, d2, full, e1, e2, e3, eRevoked, businessOwner, identityOwner, bo: userActor(businessOwner), io: userActor(identityOwner) };
}

async function exceeding(workflowId: string) {
  const rows = await db.select({ id: entitlements.id, since: entitlements.exceedsApprovalSince }).from(entitlements).where(eq(entitlements.workflowId, workflowId));
  return new Map(rows.map((r) => [r.id, r.since]));
}

const refresh = (workflowId?: string) => db.transaction((tx) => refreshApprovalCoverage(tx, workflowId));

describe("[APPROVALS] narrowing and widening a workflow's approval", () => {
  it("narrowing stamps exactly the entitlements outside the new approval and reports them", async () => {
    const s = await world();
    const { impact } = await updateWorkflow(s.bo, s.w.id, {
      dataSets: [{ dataSetId: s.d1.id, actions: ["read"], justification: JUSTIFICATION }],
    });
    expect(impact.nowExceeding.map((e) => e.id).sort()).toEqual([s.e2.id, s.e3.id].sort());
    expect(impact.narrowed).toEqual(
      expect.arrayContaining([
        { dataSetId: s.d1.id, dataSetName: s.d1.name, actions: ["write"] },
        { dataSetId: s.d2.id, dataSetName: s.d2.name, actions: ["read"] },
      ]),
    );
    expect(impact.narrowed).toHaveLength(2);
    expect(impact.widened).toEqual([]);

    const flags = await exceeding(s.w.id);
    expect(flags.get(s.e1.id)).toBeNull();
    expect(flags.get(s.e2.id)).toBeInstanceOf(Date);
    expect(flags.get(s.e3.id)).toBeInstanceOf(Date);
    expect(flags.get(s.eRevoked.id)).toBeNull(); // closed grants are not flagged

    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, s.w.id));
    expect((event!.after!.entitlementsNowExceeding as string[]).sort()).toEqual([s.e2.id, s.e3.id].sort());
    expect(event!.after!.approvalNarrowed).toHaveLength(2);
    const [note] = await db.select().from(notifications).where(eq(notifications.userId, s.identityOwner.id));
    expect(note!.body).toMatch(/2 entitlement\(s\) now exceed/);

    // A later, unrelated edit keeps the original stamp and reports nothing new.
    const again = await updateWorkflow(s.bo, s.w.id, { vendor: "Acme" });
    expect(again.impact.nowExceeding).toEqual([]);
    expect(await exceeding(s.w.id)).toEqual(flags);
  });

  it("dryRun reports what narrowing would flag without stamping anything", async () => {
    const s = await world();
    const { impact } = await updateWorkflow(s.bo, s.w.id, { dataSets: [{ dataSetId: s.d2.id, actions: ["read"], justification: JUSTIFICATION }] }, { dryRun: true });
    expect(impact.nowExceeding.map((e) => e.id).sort()).toEqual([s.e1.id, s.e2.id].sort());
    expect([...(await exceeding(s.w.id)).values()].every((v) => v === null)).toBe(true);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.targetId, s.w.id))).toEqual([]);
  });

  it("widening back clears the flags, is audited as approvalWidened and notifies the identity owner", async () => {
    const s = await world();
    await updateWorkflow(s.bo, s.w.id, { dataSets: [{ dataSetId: s.d1.id, actions: ["read"], justification: JUSTIFICATION }] });
    const { impact } = await updateWorkflow(s.bo, s.w.id, { dataSets: s.full, reason: "write-back approved" });
    expect(impact.nowExceeding).toEqual([]);
    expect(impact.widened).toEqual(
      expect.arrayContaining([
        { dataSetId: s.d1.id, dataSetName: s.d1.name, actions: ["write"] },
        { dataSetId: s.d2.id, dataSetName: s.d2.name, actions: ["read"] },
      ]),
    );
    expect([...(await exceeding(s.w.id)).values()].every((v) => v === null)).toBe(true);

    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, s.w.id)).orderBy(auditEvents.seq);
    expect(events).toHaveLength(2);
    expect(events[1]!.reason).toBe("write-back approved");
    expect(events[1]!.after!.approvalWidened).toEqual(expect.arrayContaining([expect.objectContaining({ dataSetId: s.d1.id, actions: ["write"] })]));
    const inbox = await db.select().from(notifications).where(and(eq(notifications.userId, s.identityOwner.id), eq(notifications.kind, "workflow.approval_changed")));
    expect(inbox.some((n) => /approval widened/.test(n.body) && n.body.includes(s.d1.name))).toBe(true);
  });

  it("an edit that changes no approval notifies nobody", async () => {
    const s = await world();
    await updateWorkflow(s.bo, s.w.id, { dataSets: s.full });
    expect(await db.select().from(notifications).where(eq(notifications.userId, s.identityOwner.id))).toEqual([]);
  });
});

describe("[APPROVALS] exceptions cover entitlements until they expire", () => {
  async function exceedingGrant() {
    const s = await world();
    // D1 narrowed to read: e2 (read+write) now exceeds.
    await updateWorkflow(s.bo, s.w.id, { dataSets: [{ dataSetId: s.d1.id, actions: ["read"], justification: JUSTIFICATION }, s.full[1]!] });
    expect((await exceeding(s.w.id)).get(s.e2.id)).toBeInstanceOf(Date);
    return s;
  }

  it("an approved, unexpired exception covers the entitlement; its expiry flags it again", async () => {
    const s = await exceedingGrant();
    const exception = await requestException(s.io, { workflowId: s.w.id, dataSetId: s.d1.id, actions: ["write"], reason: "Quarter-end write-back", expiresAt: inDays(7) });
    expect((await refresh(s.w.id)).nowCovered).toEqual([]); // pending covers nothing
    expect((await exceeding(s.w.id)).get(s.e2.id)).toBeInstanceOf(Date);

    await decideException(s.bo, exception.id, "approved");
    expect((await exceeding(s.w.id)).get(s.e2.id)).toBeNull();

    await db.update(accessExceptions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accessExceptions.id, exception.id));
    const refreshed = await refresh();
    expect(refreshed.nowExceeding).toEqual([s.e2.id]);
    expect((await exceeding(s.w.id)).get(s.e2.id)).toBeInstanceOf(Date);
  });

  it("a denied exception, or one for other actions or another data set, covers nothing", async () => {
    const s = await exceedingGrant();
    const denied = await requestException(s.io, { workflowId: s.w.id, dataSetId: s.d1.id, actions: ["write"], reason: "Quarter-end write-back", expiresAt: inDays(7) });
    await decideException(s.bo, denied.id, "denied", "not needed");
    for (const input of [
      { dataSetId: s.d1.id, actions: ["delete" as const] },
      { dataSetId: s.d2.id, actions: ["write" as const] },
    ]) {
      const x = await requestException(s.io, { workflowId: s.w.id, ...input, reason: "Some other deviation", expiresAt: inDays(7) });
      await decideException(s.bo, x.id, "approved");
    }
    expect((await exceeding(s.w.id)).get(s.e2.id)).toBeInstanceOf(Date);
  });

  it("actionsCovered needs every action covered, by the approval or an exception", async () => {
    const s = await exceedingGrant();
    const x = await requestException(s.io, { workflowId: s.w.id, dataSetId: s.d1.id, actions: ["write"], reason: "Quarter-end write-back", expiresAt: inDays(7) });
    await decideException(s.bo, x.id, "approved");
    const covered = async (actions: string[]) => {
      const list = sql`array[${sql.join(actions.map((a) => sql`${a}`), sql`, `)}]::data_action[]`;
      const [row] = await db.execute<{ ok: boolean }>(sql`select ${actionsCovered(s.w.id, s.d1.id, list)} as ok`);
      return row!.ok;
    };
    expect(await covered(["read"])).toBe(true);
    expect(await covered(["read", "write"])).toBe(true);
    expect(await covered(["read", "write", "delete"])).toBe(false);
    expect(await covered(["admin"])).toBe(false);
  });
});
