import { count, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as dryRunRoute from "@/app/api/v1/policies/versions/[id]/dry-run/route";
import { db } from "@/db";
import { auditEvents, decisions, entitlements, policies } from "@/db/schema";
import { ensureDefaultPoliciesOnce } from "@/lib/domain/guardrails/default-policies";
import { dryRunPolicyVersion } from "@/lib/domain/guardrails/dry-run";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { call, userWithKey } from "../helpers";
import { activePolicy, ask, atHour, code, grantWith, newVersion, policyOwner, policyRows } from "./fixtures";

const onRestricted = (action: string) =>
  `forbid (principal, action == Countersign::Action::"${action}", resource) when { resource.sensitivity == "restricted" };`;

/** Everything a dry run must leave as it was. */
async function snapshot() {
  const [d] = await db.select({ n: count() }).from(decisions);
  const [a] = await db.select({ n: count() }).from(auditEvents);
  const p = await db.select({ id: policies.id, status: policies.status }).from(policies).orderBy(policies.id);
  const [v] = await db.select({ h: sql<string>`md5(string_agg(id::text || coalesce(guardrail_facts, '') || coalesce(guardrail_forbidden_by::text, ''), ',' order by id))` }).from(entitlements);
  return { decisions: d!.n, audit: a!.n, policies: p, verdicts: v!.h };
}

beforeAll(() => ensureDefaultPoliciesOnce());

describe("[GUARDRAILS] dry run against stored decisions", () => {
  it("reports exactly the decisions that would change (allow → deny, and deny → allow where this policy denied), and changes nothing", async () => {
    const p = await activePolicy(onRestricted("write"));
    const candidate = await newVersion(p.policyId, onRestricted("read"));

    const restricted = await grantWith({ dataSet: { sensitivity: "restricted" } });
    const confidential = await grantWith({ dataSet: { sensitivity: "confidential" } });
    const stagingOnRestricted = await grantWith({ nhi: { environment: "staging" }, dataSet: { sensitivity: "restricted" } });

    const deniedByThis = await restricted.ask("write");
    const allowedRead = await restricted.ask("read");
    const untouched = [
      await restricted.ask("delete"),
      await confidential.ask("read"),
      await confidential.ask("write"),
      // Denied by this policy AND by non-prod-identity-no-prod-data: the candidate alone does not free it.
      await stagingOnRestricted.ask("write"),
      await stagingOnRestricted.ask("read"),
      await ask({ subject: restricted.nhi.id, resource: crypto.randomUUID() }),
    ];
    expect([code(deniedByThis), code(allowedRead), ...untouched.map(code)]).toEqual([
      "guardrail_forbid",
      "allow",
      "allow",
      "allow",
      "allow",
      "guardrail_forbid",
      "guardrail_forbid",
      "unknown_resource",
    ]);
    await flushDecisions();

    const before = await snapshot();
    const result = await dryRunPolicyVersion(p.owner, candidate, { limit: 1000 });
    expect(await snapshot()).toEqual(before);

    expect(result).toMatchObject({ version: { id: candidate, version: 2, name: p.name }, activeVersion: { version: 1 }, examined: before.decisions });
    // The unknown_resource decision never reached the guardrail step.
    expect(result.evaluated).toBe(7);
    const changes = result.changes.map((c) => ({ id: c.decisionId, from: c.from, to: c.to, policies: c.policies }));
    expect(changes).toEqual([
      { id: allowedRead.id, from: "allow", to: "deny", policies: [p.name] },
      { id: deniedByThis.id, from: "deny", to: "allow", policies: [] },
    ]);
    expect(result.changes[0]).toMatchObject({ action: "read", identity: { id: restricted.nhi.id }, dataSet: { id: restricted.dataSet.id }, workflow: { id: restricted.workflow.id } });

    // The active version itself changes nothing.
    expect((await dryRunPolicyVersion(p.owner, p.versionId, { limit: 1000 })).changes).toEqual([]);
    // Only the newest `limit` decisions are examined.
    const newest = await dryRunPolicyVersion(p.owner, candidate, { limit: 1 });
    expect(newest).toMatchObject({ examined: 1, evaluated: 0, changes: [] });
  });

  it("replays a request-context candidate at the hour each decision was made", async () => {
    const g = await grantWith({ dataSet: { sensitivity: "restricted" } });
    // delete: the first test's policy (still active in this file) forbids writes to restricted data.
    // Tomorrow: later than every decision this file made in real time, so these two are the newest (limit 2)
    // whatever the time of day the suite runs (today at 23:30 was in the past after 23:30 UTC).
    const tomorrowAt = (hour: number) => new Date(atHour(hour).getTime() + 86_400_000);
    const night = await g.ask("delete", { now: tomorrowAt(23) });
    const day = await g.ask("delete", { now: tomorrowAt(11) });
    expect([code(night), code(day)]).toEqual(["allow", "allow"]);
    await flushDecisions();
    const [example] = await policyRows("restricted-changes-in-business-hours");
    const result = await dryRunPolicyVersion(await policyOwner(), example!.id, { limit: 2 });
    expect(result.activeVersion).toBeNull();
    expect(result.changes.map((c) => [c.decisionId, c.from, c.to])).toEqual([[night.id, "allow", "deny"]]);
  });

  it("is served at POST /api/v1/policies/versions/{id}/dry-run (default 1000 decisions, 422 on a bad limit)", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const [example] = await policyRows("restricted-changes-in-business-hours");
    const path = `/api/v1/policies/versions/${example!.id}/dry-run`;
    const ok = await call(dryRunRoute.POST, { method: "POST", path, apiKey: key, params: { id: example!.id }, body: {} });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: { id: example!.id }, changes: expect.any(Array) });
    const bad = await call(dryRunRoute.POST, { method: "POST", path, apiKey: key, params: { id: example!.id }, body: { limit: 0 } });
    expect(bad.status).toBe(422);
    expect(bad.body!.errors[0].path).toBe("limit");
    const auditor = await userWithKey(["auditor"]);
    expect((await call(dryRunRoute.POST, { method: "POST", path, apiKey: auditor.key, params: { id: example!.id }, body: {} })).status).toBe(403);
  });
});
