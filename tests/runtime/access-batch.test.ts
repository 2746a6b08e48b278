import crypto from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { decisions, nhis } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { evaluateAccess } from "@/lib/domain/runtime/evaluate";
import type { EvaluationRequest } from "@/lib/validation/authzen";
import { code, grant, pep } from "./fixtures";

afterAll(() => flushDecisions());

const question = (subject: string, resource: string, action = "read", workflow?: string): EvaluationRequest => ({
  subject: { type: "nhi", id: subject },
  action: { name: action },
  resource: { type: "data_set", id: resource },
  context: workflow ? { workflow } : undefined,
});

/**
 * Concurrent evaluations share one decision statement (lib/domain/runtime/access-batcher.ts): these check that
 * sharing never mixes answers up, never lets one bad question spoil the others, and never serves a snapshot older
 * than the question.
 */
describe("[RUNTIME] micro-batched decisions", () => {
  it("answers each of many concurrent questions about different grants with its own decision", async () => {
    const grants = await Promise.all(Array.from({ length: 8 }, () => grant({ actions: ["read"] })));
    const asked = grants.flatMap((g) => [
      { request: question(g.e.nhiId, g.e.dataSetId), expected: "allow", nhiId: g.e.nhiId },
      { request: question(g.e.nhiId, g.e.dataSetId, "write"), expected: "action_not_granted", nhiId: g.e.nhiId },
      { request: question(g.e.nhiId, crypto.randomUUID()), expected: "unknown_resource", nhiId: g.e.nhiId },
      { request: question(crypto.randomUUID(), g.e.dataSetId), expected: "unknown_subject", nhiId: null },
    ]);
    const answers = await Promise.all(asked.map((a) => evaluateAccess(a.request, pep)));
    expect(answers.map(code)).toEqual(asked.map((a) => a.expected));
    expect(new Set(answers.map((a) => a.id)).size).toBe(answers.length);
  });

  it("a workflow that is not a uuid matches no grant and does not fail the questions batched with it", async () => {
    const g = await grant();
    const [plain, odd] = await Promise.all([
      evaluateAccess(question(g.e.nhiId, g.e.dataSetId), pep),
      evaluateAccess(question(g.e.nhiId, g.e.dataSetId, "read", "not-a-uuid"), pep),
    ]);
    expect(code(plain)).toBe("allow");
    expect(code(odd)).toBe("no_entitlement");
  });

  it("a question asked after a revoke returned is denied even while other questions keep the batcher busy", async () => {
    const g = await grant();
    const others = await Promise.all(Array.from({ length: 4 }, () => grant()));
    const stop = { now: false };
    const background = others.map(async (o) => {
      while (!stop.now) await evaluateAccess(question(o.e.nhiId, o.e.dataSetId), pep);
    });
    try {
      expect(code(await evaluateAccess(question(g.e.nhiId, g.e.dataSetId), pep))).toBe("allow");
      await revokeEntitlement(systemActor("batch-test"), g.e.id, "batch test");
      const after = await Promise.all(Array.from({ length: 10 }, () => evaluateAccess(question(g.e.nhiId, g.e.dataSetId), pep)));
      expect(after.map(code)).toEqual(Array.from({ length: 10 }, () => "no_entitlement"));
    } finally {
      stop.now = true;
      await Promise.all(background);
    }
  });

  it("every question of a statement that fails is denied with internal_error", async () => {
    const g = await grant();
    const broken = postgres("postgres://postgres@127.0.0.1:9/unreachable", { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => evaluateAccess(question(g.e.nhiId, g.e.dataSetId), pep, { client: broken })));
      expect(answers.map((a) => a.reason?.code)).toEqual(Array.from({ length: 5 }, () => "internal_error"));
      expect(answers.every((a) => !a.decision)).toBe(true);
    } finally {
      await broken.end({ timeout: 1 });
    }
  });
});

describe("[RUNTIME] last_used_at", () => {
  it("is written for the first allowed decision, then at most once a minute per NHI, and never moves back", async () => {
    const g = await grant();
    const lastUsed = async () => (await db.select({ at: nhis.lastUsedAt }).from(nhis).where(eq(nhis.id, g.e.nhiId)))[0]!.at;
    const t0 = new Date(Date.now() + 10 * 60_000); // ahead of every other decision about this NHI
    const at = (ms: number) => evaluateAccess(question(g.e.nhiId, g.e.dataSetId), pep, { now: new Date(t0.getTime() + ms) });

    expect((await at(0)).decision).toBe(true);
    await flushDecisions();
    expect((await lastUsed())!.getTime()).toBe(t0.getTime());

    await at(30_000);
    await flushDecisions();
    expect((await lastUsed())!.getTime()).toBe(t0.getTime());

    await at(61_000);
    await flushDecisions();
    expect((await lastUsed())!.getTime()).toBe(t0.getTime() + 61_000);

    // Another writer moved it further: a due write never moves it back.
    const later = new Date(t0.getTime() + 3_600_000);
    await db.update(nhis).set({ lastUsedAt: later }).where(eq(nhis.id, g.e.nhiId));
    await at(125_000);
    await flushDecisions();
    expect((await lastUsed())!.getTime()).toBe(later.getTime());
  });
});

describe("[RUNTIME] strings PostgreSQL cannot store", () => {
  it("a NUL in subject, resource or type matches nothing, spoils no batched question, and is still logged", async () => {
    const g = await grant();
    const nul = "\u0000";
    const [plain, subject, resource, typed] = await Promise.all([
      evaluateAccess(question(g.e.nhiId, g.e.dataSetId), pep),
      evaluateAccess(question(`${g.e.nhiId}${nul}`, g.e.dataSetId), pep),
      evaluateAccess(question(g.e.nhiId, `${g.e.dataSetId}${nul}`), pep),
      evaluateAccess({ ...question(g.e.nhiId, g.e.dataSetId), subject: { type: `nhi${nul}`, id: g.e.nhiId } }, pep),
    ]);
    expect([plain, subject, resource, typed].map(code)).toEqual(["allow", "unknown_subject", "unknown_resource", "unknown_subject"]);
    await flushDecisions();
    const stored = await db.select({ id: decisions.id, subject: decisions.subject, resource: decisions.resource }).from(decisions).where(inArray(decisions.id, [subject.id, resource.id, typed.id]));
    expect(stored).toHaveLength(3);
    expect(stored.find((r) => r.id === subject.id)!.subject).toBe(`${g.e.nhiId}\uFFFD`);
  });
});
