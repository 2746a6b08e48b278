import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { accessExceptions, auditEvents, entitlements, nhis, workflows } from "@/db/schema";
import { createUser } from "@/db/seed/factories";
import { systemActor, userActor } from "@/lib/domain/actor";
import { ensureDefaultPoliciesOnce } from "@/lib/domain/guardrails/default-policies";
import { enqueueGuardrailRefresh } from "@/lib/domain/guardrails/enqueue-refresh";
import { activatePolicyVersion } from "@/lib/domain/guardrails/manage-policies";
import { refreshGuardrailVerdicts } from "@/lib/domain/guardrails/refresh";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { getBoss } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/registry";
import { activePolicy, approvedException, code, grantWith, newVersion, policyOwner, policyRows, storedVerdict } from "./fixtures";

const refresh = () => db.transaction((tx) => refreshGuardrailVerdicts(tx));
const restrictedOnly = (action: string) =>
  `forbid (principal, action == Countersign::Action::"${action}", resource) when { resource.sensitivity == "restricted" };`;

beforeAll(() => ensureDefaultPoliciesOnce());
afterAll(() => flushDecisions());

describe("[GUARDRAILS] activation", () => {
  it("archives the previous active version (audited) and recomputes stored verdicts in the same transaction", async () => {
    const restricted = await grantWith({ dataSet: { sensitivity: "restricted" } });
    const internal = await grantWith();
    await refresh();
    expect(await storedVerdict(restricted.e.id)).toMatchObject({ forbiddenBy: [], facts: expect.any(String) });

    const p = await activePolicy(restrictedOnly("write"));
    expect(p.activation.verdicts!.changed).toBeGreaterThanOrEqual(1);
    expect((await storedVerdict(restricted.e.id)).forbiddenBy).toEqual([`write:${p.name}`]);
    expect((await storedVerdict(internal.e.id)).forbiddenBy).toEqual([]);
    const denied = await restricted.ask("write");
    expect(denied.reason).toEqual({ code: "guardrail_forbid", message: `A guardrail policy forbids this access: forbidden by policy "${p.name}"` });
    expect(code(await restricted.ask("delete"))).toBe("allow");

    // A saved draft changes nothing until it is activated.
    const v2 = await newVersion(p.policyId, restrictedOnly("delete"));
    expect(code(await restricted.ask("write"))).toBe("guardrail_forbid");

    const result = await activatePolicyVersion(p.owner, v2, { reason: "narrow to deletes" });
    expect(result).toMatchObject({ activated: true, archivedVersion: 1, policy: { activeVersion: { version: 2 } } });
    const rows = await policyRows(p.name);
    expect(rows.map((r) => [r.version, r.status, r.archivedAt !== null])).toEqual([
      [1, "archived", true],
      [2, "active", false],
    ]);
    expect((await storedVerdict(restricted.e.id)).forbiddenBy).toEqual([`delete:${p.name}`]);
    expect(code(await restricted.ask("write"))).toBe("allow");
    expect(code(await restricted.ask("delete"))).toBe("guardrail_forbid");

    const events = await db.select().from(auditEvents).where(inArray(auditEvents.targetId, rows.map((r) => r.id))).orderBy(auditEvents.seq);
    expect(events.map((e) => [e.action, e.targetId])).toEqual([
      ["policy.created", rows[0]!.id],
      ["policy.version_activated", rows[0]!.id],
      ["policy.version_created", rows[1]!.id],
      ["policy.version_archived", rows[0]!.id],
      ["policy.version_activated", rows[1]!.id],
    ]);
    expect(events.at(-1)!.reason).toBe("narrow to deletes");

    // Activating the active version is a no-op; activating an archived one rolls back to it.
    expect(await activatePolicyVersion(p.owner, v2, {})).toMatchObject({ activated: false, verdicts: null });
    await activatePolicyVersion(p.owner, rows[0]!.id, { reason: "roll back" });
    expect((await policyRows(p.name)).map((r) => r.status)).toEqual(["active", "archived"]);
    expect(code(await restricted.ask("write"))).toBe("guardrail_forbid");
  });

  it("refuses to activate an unknown version (404) and needs policies.manage", async () => {
    const owner = await policyOwner();
    await expect(activatePolicyVersion(owner, crypto.randomUUID(), {})).rejects.toMatchObject({ status: 404 });
    const auditor = userActor(await createUser(db, { roles: ["auditor"] }));
    await expect(activatePolicyVersion(auditor, crypto.randomUUID(), {})).rejects.toMatchObject({ status: 403 });
  });
});

describe("[GUARDRAILS] stored verdicts", () => {
  it("are used as stored while their facts are current, and ignored the moment the facts change", async () => {
    const g = await grantWith();
    await refresh();
    // A verdict that no policy would give proves the decision read the stored one instead of evaluating.
    await db.update(entitlements).set({ guardrailForbiddenBy: ["read:stored-verdict-marker"] }).where(eq(entitlements.id, g.e.id));
    expect((await g.ask("read")).reason!.message).toContain('"stored-verdict-marker"');
    expect(code(await g.ask("write"))).toBe("allow");

    await db.update(workflows).set({ autonomy: "autonomous", updatedAt: new Date() }).where(eq(workflows.id, g.workflow.id));
    expect(code(await g.ask("read"))).toBe("allow");
    expect((await g.ask("write")).reason!.message).toContain('"autonomous-changes-need-jit"');
  });

  it("catch changes nobody announced: an identity moved to staging, an exception that expired", async () => {
    const moved = await grantWith();
    const vendor = await grantWith({ workflow: { vendor: "Acme" }, dataSet: { sensitivity: "restricted" } });
    const exception = await approvedException(vendor.workflow.id, vendor.dataSet.id, ["read"]);
    await refresh();
    expect(code(await moved.ask("read"))).toBe("allow");
    expect(code(await vendor.ask("read"))).toBe("allow");

    await db.update(nhis).set({ environment: "staging" }).where(eq(nhis.id, moved.nhi.id));
    await db.update(accessExceptions).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(accessExceptions.id, exception.id));
    expect(code(await moved.ask("read"))).toBe("guardrail_forbid");
    expect(code(await vendor.ask("read"))).toBe("guardrail_forbid");

    // The refresh job then stores verdicts for the new facts.
    const again = await refresh();
    expect(again.changed).toBeGreaterThanOrEqual(2);
    expect((await storedVerdict(moved.e.id)).forbiddenBy).toEqual(["read:non-prod-identity-no-prod-data", "write:non-prod-identity-no-prod-data", "delete:non-prod-identity-no-prod-data", "admin:non-prod-identity-no-prod-data"]);
    expect(code(await moved.ask("read"))).toBe("guardrail_forbid");
  });

  it("are rewritten only where something changed, and dropped from grants that are no longer live", async () => {
    const g = await grantWith();
    await refresh();
    expect((await refresh()).changed).toBe(0);
    await revokeEntitlement(systemActor("test"), g.e.id, "test");
    const result = await refresh();
    expect(result.cleared).toBeGreaterThanOrEqual(1);
    expect(await storedVerdict(g.e.id)).toEqual({ facts: null, forbiddenBy: null });
  });

  it("are refreshed by the guardrails.refresh job every ten minutes", async () => {
    const job = JOBS.find((j) => j.queue === "guardrails.refresh");
    expect(job?.cron).toBe("*/10 * * * *");
    const g = await grantWith({ nhi: { environment: "dev" } });
    await db.update(entitlements).set({ guardrailFacts: null }).where(eq(entitlements.id, g.e.id));
    await job!.handler([]);
    expect((await storedVerdict(g.e.id)).forbiddenBy).toHaveLength(4);
  });

  it("can be requested from another area's transaction: the job exists only if that transaction commits", async () => {
    await getBoss();
    const queued = async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'guardrails.refresh'`))[0]!.n;
    const before = await queued();
    await db.transaction(async (tx) => {
      await enqueueGuardrailRefresh(tx);
      tx.rollback();
    }).catch(() => undefined);
    expect(await queued()).toBe(before);
    await db.transaction((tx) => enqueueGuardrailRefresh(tx));
    expect(await queued()).toBe(before + 1);
  });
});
