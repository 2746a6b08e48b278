import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { decisions, nhis } from "@/db/schema";
import { flushDecisions, pendingDecisionCount } from "@/lib/domain/runtime/decision-log";
import { evaluateAccess } from "@/lib/domain/runtime/evaluate";
import { ask, grant, pep } from "./fixtures";

afterAll(() => flushDecisions());

describe("[RUNTIME] decision log", () => {
  it("stores every decision after flushDecisions, with subject, resource, workflow, entitlement, reason code and API key", async () => {
    const g = await grant();
    const allow = await g.ask({ workflow: g.e.workflowId });
    const deny = await g.ask({ action: "write" });
    const unknown = await ask({ subject: "nobody", resource: "nothing" });
    await flushDecisions();
    const rows = await db.select().from(decisions).where(inArray(decisions.id, [allow.id, deny.id, unknown.id]));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[allow.id]).toMatchObject({ decision: true, reasonCode: null, nhiId: g.e.nhiId, dataSetId: g.e.dataSetId, workflowId: g.e.workflowId, entitlementId: g.e.id, apiKeyId: pep.apiKeyId, action: "read", context: { workflow: g.e.workflowId } });
    expect(byId[deny.id]).toMatchObject({ decision: false, reasonCode: "action_not_granted", entitlementId: g.e.id, action: "write" });
    expect(byId[unknown.id]).toMatchObject({ decision: false, reasonCode: "unknown_subject", nhiId: null, dataSetId: null, subject: "nobody", resource: "nothing" });
  });

  it("stores each reason message in full, standard or with detail, and the decision time to the millisecond", async () => {
    const g = await grant();
    const standard = await g.ask({ action: "write" });
    const detailed = await ask({ subject: g.e.nhiId, resource: g.e.dataSetId, workflow: "00000000-0000-4000-8000-000000000000" });
    const decidedAt = new Date("2026-03-04T05:06:07.089Z");
    const timed = await evaluateAccess({ subject: { type: "nhi", id: g.e.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: g.e.dataSetId } }, pep, {
      now: decidedAt,
    });
    await flushDecisions();
    const rows = await db.select().from(decisions).where(inArray(decisions.id, [standard.id, detailed.id, timed.id]));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[standard.id]!.reasonMessage).toBe(standard.reason!.message);
    expect(byId[detailed.id]!.reasonMessage).toBe(detailed.reason!.message);
    expect(detailed.reason!.message).toMatch(/: none in workflow 00000000-/);
    expect(byId[timed.id]!.decidedAt.toISOString()).toBe(decidedAt.toISOString());
  });

  it("moves nhis.last_used_at forward for allowed decisions only, never back", async () => {
    const g = await grant();
    await g.ask({ action: "write" });
    await flushDecisions();
    const lastUsed = async () => (await db.select({ at: nhis.lastUsedAt }).from(nhis).where(eq(nhis.id, g.e.nhiId)))[0]!.at;
    expect(await lastUsed()).toBeNull();

    const before = Date.now();
    await g.ask();
    await flushDecisions();
    const first = await lastUsed();
    expect(first!.getTime()).toBeGreaterThanOrEqual(before - 5);

    const future = new Date(Date.now() + 3_600_000);
    await db.update(nhis).set({ lastUsedAt: future }).where(eq(nhis.id, g.e.nhiId));
    await g.ask();
    await flushDecisions();
    expect((await lastUsed())!.getTime()).toBe(future.getTime());
  });

  it("writes a burst in batches, and keeps the rows when a flush fails until the next one succeeds", async () => {
    const g = await grant();
    const burst = await Promise.all(Array.from({ length: 1_200 }, () => g.ask()));
    await flushDecisions();
    const [stored] = await db.execute<{ n: number }>(sql`select count(*)::int as n from decisions where id = any(${`{${burst.map((d) => d.id).join(",")}}`}::uuid[])`);
    expect(stored!.n).toBe(1_200);

    await db.execute(sql`create function cs_test_refuse_decision() returns trigger language plpgsql as $$ begin raise exception 'refused'; end $$`);
    await db.execute(sql`create trigger cs_test_refuse_decision before insert on decisions for each row execute function cs_test_refuse_decision()`);
    let kept: Awaited<ReturnType<typeof g.ask>>;
    try {
      kept = await g.ask();
      await expect(flushDecisions()).rejects.toThrow(/refused/);
      expect(pendingDecisionCount()).toBeGreaterThanOrEqual(1);
    } finally {
      await db.execute(sql`drop trigger cs_test_refuse_decision on decisions`);
      await db.execute(sql`drop function cs_test_refuse_decision()`);
    }
    await flushDecisions();
    expect(await db.select({ id: decisions.id }).from(decisions).where(eq(decisions.id, kept.id))).toHaveLength(1);
  });
});
