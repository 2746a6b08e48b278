import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { policies } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { ensureDefaultPoliciesOnce } from "@/lib/domain/guardrails/default-policies";
import { getPolicy } from "@/lib/domain/guardrails/list-policies";
import { refreshGuardrailVerdicts } from "@/lib/domain/guardrails/refresh";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { activePolicy, atHour, code, grantWith, storedVerdict } from "./fixtures";

const refresh = () => db.transaction((tx) => refreshGuardrailVerdicts(tx));
let cleanup: string[] = [];

beforeAll(() => ensureDefaultPoliciesOnce());
// Each test leaves a broken policy active; archive it (and recompute) so the next test starts clean.
afterEach(async () => {
  for (const name of cleanup) await db.update(policies).set({ status: "archived" }).where(eq(policies.name, name));
  cleanup = [];
  await refresh();
});
afterAll(() => flushDecisions());

describe("[GUARDRAILS] fail closed", () => {
  it("a context-free policy that errors while evaluating denies with guardrail_error, inline and from the stored verdict", async () => {
    const g = await grantWith();
    expect(code(await g.ask("read"))).toBe("allow");
    // Valid Cedar that overflows at evaluation time: Cedar skips a failing policy, which for a forbid would mean "allow".
    const p = await activePolicy(`forbid (principal, action, resource) when { 9223372036854775807 + (if context.entitlement.jit then 1 else 2) < 0 };`);
    cleanup.push(p.name);
    expect((await storedVerdict(g.e.id)).forbiddenBy).toContain(`read:!${p.name}`);
    const stored = await g.ask("read");
    expect(stored.reason).toMatchObject({ code: "guardrail_error", message: expect.stringContaining(p.name) });

    const fresh = await grantWith();
    expect(code(await fresh.ask("read"))).toBe("guardrail_error");
  });

  it("a request-context policy that errors for this request denies; for other requests it is harmless", async () => {
    const g = await grantWith();
    const p = await activePolicy(`forbid (principal, action, resource) when { 9223372036854775807 + context.hour < 0 };`);
    cleanup.push(p.name);
    expect(code(await g.ask("read", { now: atHour(0) }))).toBe("allow");
    const d = await g.ask("read", { now: atHour(3) });
    expect(d.reason).toMatchObject({ code: "guardrail_error", message: expect.stringContaining(p.name) });
  });

  it("an active policy whose source no longer loads denies every decision that reaches the guardrails", async () => {
    const g = await grantWith();
    await refresh();
    const id = crypto.randomUUID();
    const name = "broken-by-hand";
    cleanup.push(name);
    // Written around the domain on purpose (a bad restore, a hand edit): the decision path must not trust it.
    await db.insert(policies).values({ id, policyId: id, name, version: 1, source: "forbid (principal, action, resource) when {", status: "active", activatedAt: new Date() });
    const d = await g.ask("read");
    expect(d.reason!.code).toBe("guardrail_error");
    expect(d.reason!.message).toMatch(/could not be loaded/);
    const detail = await getPolicy(systemActor("test"), id);
    expect(detail.activeVersion!.analysis).toBeNull();
    // Decisions that stop before the guardrail step keep their own reason.
    expect(code(await g.ask("execute"))).toBe("unknown_action");
  });
});
