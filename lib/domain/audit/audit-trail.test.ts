import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditEvents } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { recordAuditEvent } from "./record-audit-event";
import { verifyAuditChain } from "./verify-audit-chain";

const actor = systemActor("test");

async function appendEvents(n: number) {
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) =>
      recordAuditEvent(tx, actor, { action: "test.event", targetType: "thing", targetId: `t${i}`, after: { i, nested: { b: 1, a: [2, 3] } } }),
    );
  }
}

describe("[AUDIT] append-only, hash-chained trail", () => {
  it("chains events in sequence and verifies them", async () => {
    await appendEvents(5);
    const verdict = await verifyAuditChain(db);
    expect(verdict).toMatchObject({ ok: true, events: 5 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    await appendEvents(1);
    await expect(db.execute(sql`update audit_events set reason = 'edited'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_events`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(row?.n).toBeGreaterThan(0);
  });

  it("rolls the change back when the audit write fails", async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into settings (key, value) values ('probe', '1'::jsonb)`);
        await recordAuditEvent(tx, actor, { action: "x".repeat(10), targetType: null as unknown as string });
      }),
    ).rejects.toThrow();
    const probe = await db.execute(sql`select 1 from settings where key = 'probe'`);
    expect(probe.length).toBe(0);
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after).toEqual(before);
  });

  it("keeps one order under concurrent writers", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction((tx) => recordAuditEvent(tx, actor, { action: "race", targetType: "thing", targetId: String(i) }))));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  // Last: it breaks this file's chain on purpose.
  it("names the first altered event when a row is edited with triggers disabled", async () => {
    await appendEvents(3);
    const [victim] = await db.select().from(auditEvents).orderBy(sql`seq desc`).limit(1).offset(1);
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_no_update`);
      await tx.execute(sql`update audit_events set reason = 'rewritten history' where seq = ${victim!.seq}`);
      await tx.execute(sql`alter table audit_events enable trigger audit_events_no_update`);
    });
    const verdict = await verifyAuditChain(db);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.brokenAt).toEqual({ seq: victim!.seq, id: victim!.id });
  });
});
