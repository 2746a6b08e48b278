import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/domain/actor";
import { ensureDefaultPolicies, ensureDefaultPoliciesOnce } from "@/lib/domain/guardrails/default-policies";
import { listPolicies } from "@/lib/domain/guardrails/list-policies";
import { mintJitToken } from "@/lib/domain/jit/mint-jit-token";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { db } from "@/db";
import { refreshGuardrailVerdicts } from "@/lib/domain/guardrails/refresh";
import { approvedException, atHour, code, grantWith, storedVerdict } from "./fixtures";

const ALL = ["read", "write", "delete", "admin"] as const;

/** The decision for every action, e.g. { read: "allow", write: "guardrail_forbid", … }. */
async function byAction(g: Awaited<ReturnType<typeof grantWith>>, options: { token?: string; now?: Date } = {}) {
  const out: Record<string, string> = {};
  for (const action of ALL) out[action] = code(await g.ask(action, options));
  return out;
}

const allow = { read: "allow", write: "allow", delete: "allow", admin: "allow" };
const deny = { read: "guardrail_forbid", write: "guardrail_forbid", delete: "guardrail_forbid", admin: "guardrail_forbid" };

beforeAll(() => ensureDefaultPoliciesOnce());
afterAll(() => flushDecisions());

describe("[GUARDRAILS] the default set", () => {
  it("is seeded once: three active context-free policies and a draft request-context example", async () => {
    const page = await listPolicies(systemActor("test"), { limit: 50 });
    const summary = page.items.map((p) => ({ name: p.name, active: p.activeVersion?.version ?? null, kind: p.kind }));
    expect(summary).toEqual([
      { name: "autonomous-changes-need-jit", active: 1, kind: "context-free" },
      { name: "non-prod-identity-no-prod-data", active: 1, kind: "context-free" },
      { name: "restricted-changes-in-business-hours", active: null, kind: "request-context" },
      { name: "vendor-restricted-needs-exception", active: 1, kind: "context-free" },
    ]);
    expect((await ensureDefaultPolicies()).created).toEqual([]);
  });

  it("leaves an ordinary grant alone: every action allowed", async () => {
    expect(await byAction(await grantWith())).toEqual(allow);
  });
});

describe("[GUARDRAILS] vendor-restricted-needs-exception", () => {
  it("forbids a vendor-managed workflow every action on restricted data, naming the policy", async () => {
    const g = await grantWith({ workflow: { vendor: "Acme AI Support" }, dataSet: { sensitivity: "restricted" } });
    expect(await byAction(g)).toEqual(deny);
    const d = await g.ask("read");
    expect(d.reason!.message).toContain('"vendor-restricted-needs-exception"');
  });

  it("allows exactly the actions an approved, unexpired exception covers", async () => {
    const g = await grantWith({ workflow: { vendor: "Acme AI Support" }, dataSet: { sensitivity: "restricted" } });
    await approvedException(g.workflow.id, g.dataSet.id, ["read"]);
    await approvedException(g.workflow.id, g.dataSet.id, ["write"], new Date(Date.now() - 1_000));
    expect(await byAction(g)).toEqual({ ...deny, read: "allow" });
  });

  it("does not touch a vendor on confidential data, nor an in-house workflow on restricted data", async () => {
    expect(await byAction(await grantWith({ workflow: { vendor: "Acme" }, dataSet: { sensitivity: "confidential" } }))).toEqual(allow);
    expect(await byAction(await grantWith({ dataSet: { sensitivity: "restricted" } }))).toEqual(allow);
    expect(await byAction(await grantWith({ workflow: { vendor: "  " }, dataSet: { sensitivity: "restricted" } }))).toEqual(allow);
  });
});

describe("[GUARDRAILS] autonomous-changes-need-jit", () => {
  it("forbids write, delete and admin on a standing grant of an autonomous workflow, not read", async () => {
    const g = await grantWith({ workflow: { autonomy: "autonomous" } });
    expect(await byAction(g)).toEqual({ ...deny, read: "allow" });
    expect((await g.ask("write")).reason!.message).toContain('"autonomous-changes-need-jit"');
  });

  it("lets a just-in-time grant of an autonomous workflow write with its token", async () => {
    const g = await grantWith({ workflow: { autonomy: "autonomous" }, jit: true });
    expect(code(await g.ask("write"))).toBe("jit_token_required");
    const { token } = await mintJitToken(systemActor("test"), { entitlementId: g.e.id, task: "refund one order" });
    expect(await byAction(g, { token })).toEqual(allow);
  });

  it("does not touch assistive or automated workflows", async () => {
    expect(await byAction(await grantWith({ workflow: { autonomy: "automated" } }))).toEqual(allow);
    expect(await byAction(await grantWith({ workflow: { autonomy: "assistive" } }))).toEqual(allow);
  });
});

describe("[GUARDRAILS] non-prod-identity-no-prod-data (NHI8)", () => {
  it("forbids a staging or dev identity every action on production data", async () => {
    expect(await byAction(await grantWith({ nhi: { environment: "staging" } }))).toEqual(deny);
    const dev = await grantWith({ nhi: { environment: "dev" } });
    expect(await byAction(dev)).toEqual(deny);
    expect((await dev.ask("read")).reason!.message).toContain('"non-prod-identity-no-prod-data"');
  });

  it("allows non-production identities on non-production data, and production identities anywhere", async () => {
    expect(await byAction(await grantWith({ nhi: { environment: "staging" }, dataSet: { environment: "staging" } }))).toEqual(allow);
    expect(await byAction(await grantWith({ nhi: { environment: "dev" }, dataSet: { environment: "staging" } }))).toEqual(allow);
    expect(await byAction(await grantWith({ nhi: { environment: "prod" }, dataSet: { environment: "dev" } }))).toEqual(allow);
  });
});

describe("[GUARDRAILS] stored and inline verdicts agree", () => {
  it("gives the same answers after guardrails.refresh stores the verdicts as it did evaluating inline", async () => {
    const grants = await Promise.all([
      grantWith(),
      grantWith({ workflow: { vendor: "Acme" }, dataSet: { sensitivity: "restricted" } }),
      grantWith({ workflow: { autonomy: "autonomous" } }),
      grantWith({ nhi: { environment: "dev" } }),
      grantWith({ nhi: { environment: "staging" }, workflow: { autonomy: "autonomous", vendor: "Acme" }, dataSet: { sensitivity: "restricted" } }),
    ]);
    const inline = [];
    for (const g of grants) inline.push(await byAction(g));
    expect((await storedVerdict(grants[0]!.e.id)).facts).toBeNull();
    await db.transaction((tx) => refreshGuardrailVerdicts(tx));
    const stored = [];
    for (const g of grants) {
      expect((await storedVerdict(g.e.id)).facts).not.toBeNull();
      stored.push(await byAction(g));
    }
    expect(stored).toEqual(inline);
  });
});

describe("[GUARDRAILS] restricted-changes-in-business-hours (draft example)", () => {
  it("changes nothing until someone activates it", async () => {
    const g = await grantWith({ dataSet: { sensitivity: "restricted" } });
    expect(await byAction(g, { now: atHour(23) })).toEqual(allow);
  });
});
