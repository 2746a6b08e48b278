import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { decisions } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { analyzePolicySource } from "@/lib/domain/guardrails/cedar";
import { ensureDefaultPoliciesOnce } from "@/lib/domain/guardrails/default-policies";
import { activatePolicyVersion } from "@/lib/domain/guardrails/manage-policies";
import { refreshGuardrailVerdicts } from "@/lib/domain/guardrails/refresh";
import { mintJitToken } from "@/lib/domain/jit/mint-jit-token";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { activePolicy, atHour, code, grantWith, policyOwner, policyRows, storedVerdict } from "./fixtures";

beforeAll(() => ensureDefaultPoliciesOnce());
afterAll(() => flushDecisions());

describe("[GUARDRAILS] classification", () => {
  it.each([
    ["principal and resource attributes only", `forbid (principal, action, resource) when { principal.environment != resource.environment };`, "context-free", []],
    ["workflow and entitlement facts", `forbid (principal, action, resource) when { context.workflow.vendorManaged && !context.entitlement.jit };`, "context-free", ["entitlement", "workflow"]],
    ["the hour", `forbid (principal, action, resource) when { context.hour > 22 };`, "request-context", ["hour"]],
    ["the presented token", `forbid (principal, action, resource) unless { context.jitTokenPresented };`, "request-context", ["jitTokenPresented"]],
    ["`has` on request context", `forbid (principal, action, resource) when { context has hour };`, "request-context", ["hour"]],
    ["the context as a whole (conservatively)", `forbid (principal, action, resource) when { context == context };`, "request-context", ["*"]],
    ["one request-context statement among context-free ones", `forbid (principal, action, resource) when { context.workflow.status == "x" };\nforbid (principal, action, resource) when { context.hour == 3 };`, "request-context", ["hour", "workflow"]],
  ])("%s → %s", (_label, source, kind, attributes) => {
    expect(analyzePolicySource(source)).toMatchObject({ kind, contextAttributes: attributes });
  });
});

describe("[GUARDRAILS] request-context policies are evaluated per request", () => {
  it("the business-hours example denies restricted changes outside 06:00–20:00 UTC, nothing else", async () => {
    const [example] = await policyRows("restricted-changes-in-business-hours");
    await activatePolicyVersion(await policyOwner(), example!.id, { reason: "try the example" });
    const restricted = await grantWith({ dataSet: { sensitivity: "restricted" } });
    const internal = await grantWith();
    await db.transaction((tx) => refreshGuardrailVerdicts(tx));
    // Not part of the stored verdict: the hour is only known per request.
    expect((await storedVerdict(restricted.e.id)).forbiddenBy).toEqual([]);

    const at = async (hour: number, action = "write", g = restricted) => code(await g.ask(action, { now: atHour(hour) }));
    expect([await at(5), await at(6), await at(12), await at(19), await at(20), await at(23)]).toEqual([
      "guardrail_forbid",
      "allow",
      "allow",
      "allow",
      "guardrail_forbid",
      "guardrail_forbid",
    ]);
    expect(await at(23, "delete")).toBe("guardrail_forbid");
    expect(await at(23, "admin")).toBe("guardrail_forbid");
    expect(await at(23, "read")).toBe("allow");
    expect(await at(23, "write", internal)).toBe("allow");

    const denied = await restricted.ask("write", { now: atHour(2) });
    expect(denied.reason!.message).toContain('"restricted-changes-in-business-hours"');
    await flushDecisions();
    const [row] = await db.select().from(decisions).where(eq(decisions.id, denied.id));
    expect(row).toMatchObject({ reasonCode: "guardrail_forbid", decision: false, entitlementId: restricted.e.id });
    expect(row!.context).toEqual({ guardrail: { forbiddenBy: ["restricted-changes-in-business-hours"], failed: [] } });
  });

  it("jitTokenPresented is true only with a verified token for the grant", async () => {
    const p = await activePolicy(`forbid (principal, action == Countersign::Action::"admin", resource) unless { context.jitTokenPresented };`);
    const standing = await grantWith();
    expect((await standing.ask("admin")).reason!.message).toContain(p.name);
    expect(code(await standing.ask("read"))).toBe("allow");
    const jit = await grantWith({ jit: true });
    const { token } = await mintJitToken(systemActor("test"), { entitlementId: jit.e.id, task: "rotate the schema" });
    expect(code(await jit.ask("admin", { token }))).toBe("allow");
  });
});

describe("[GUARDRAILS] entity-specific policies", () => {
  it("verdicts follow the named identity, not its attributes, inline and when stored", async () => {
    const named = await grantWith();
    const twin = await grantWith();
    await activePolicy(`forbid (principal == Countersign::Nhi::"${named.nhi.id}", action == Countersign::Action::"delete", resource);`);
    expect(code(await named.ask("delete"))).toBe("guardrail_forbid");
    expect(code(await twin.ask("delete"))).toBe("allow");
    expect((await storedVerdict(named.e.id)).forbiddenBy).toHaveLength(1);
    expect((await storedVerdict(twin.e.id)).forbiddenBy).toEqual([]);
  });
});
