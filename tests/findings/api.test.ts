import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { addDays, createCredential, createNhi } from "@/db/seed/factories";
import { refreshFindings } from "@/lib/domain/findings/refresh-findings";
import * as acceptRoute from "@/app/api/v1/findings/[id]/accept/route";
import * as findingRoute from "@/app/api/v1/findings/[id]/route";
import * as findingsRoute from "@/app/api/v1/findings/route";
import * as frameworksRoute from "@/app/api/v1/frameworks/route";
import { call, userWithKey } from "../helpers";

async function setup() {
  const owner = await userWithKey(["identity_owner"]);
  const nhi = await createNhi(db, { ownerId: owner.user.id, provider: "aws", humanUseSeenAt: new Date(), createdAt: addDays(new Date(), -30) });
  const credential = await createCredential(db, { nhiId: nhi.id, kind: "api_key", expiresAt: null });
  const ownerless = await createNhi(db, { ownerId: null });
  await refreshFindings();
  return { owner, nhi, credential, ownerless };
}

const list = (apiKey: string, query: string) => call(findingsRoute.GET, { apiKey, path: `/api/v1/findings?${query}` });

describe("[FINDINGS] API", () => {
  it("filters by rule, severity, framework, owner, status and target type, and pages by cursor", async () => {
    const { owner, nhi, credential, ownerless } = await setup();
    const reader = await userWithKey(["auditor"], ["read"]);

    const mine = await list(reader.key, `ownerId=${owner.user.id}&status=open`);
    expect(mine.status).toBe(200);
    const rules = mine.body!.items.map((f: { ruleId: string }) => f.ruleId).sort();
    expect(rules).toEqual(["credential-long-lived", "nhi-human-use", "nhi-without-workflow", "static-key-where-federation"]);

    const byRule = await list(reader.key, `ruleId=nhi-human-use&targetType=nhi&ownerId=${owner.user.id}`);
    expect(byRule.body!.items).toHaveLength(1);
    expect(byRule.body!.items[0]).toMatchObject({
      targetId: nhi.id,
      targetHref: `/identities/${nhi.id}`,
      frameworks: ["OWASP-NHI:NHI10"],
      status: "open",
      owner: { id: owner.user.id, active: true },
    });
    expect(byRule.body!.items[0].remediation).toMatch(/password/);

    const byFramework = await list(reader.key, `framework=OWASP-NHI:NHI4&ownerId=${owner.user.id}`);
    expect(byFramework.body!.items.map((f: { targetId: string }) => f.targetId)).toEqual([credential.id]);

    const low = await list(reader.key, `severity=low&ownerId=${owner.user.id}`);
    expect(low.body!.items.map((f: { ruleId: string }) => f.ruleId)).toEqual(["nhi-without-workflow"]);

    const unowned = await list(reader.key, `ownerId=none&ruleId=orphaned-nhi&limit=500`);
    expect(unowned.body!.items.map((f: { targetId: string }) => f.targetId)).toContain(ownerless.id);
    expect(unowned.body!.items.every((f: { ownerId: string | null }) => f.ownerId === null)).toBe(true);

    const first = await list(reader.key, `ownerId=${owner.user.id}&limit=2`);
    expect(first.body!.items).toHaveLength(2);
    expect(first.body!.nextCursor).toEqual(expect.any(String));
    const second = await list(reader.key, `ownerId=${owner.user.id}&limit=2&cursor=${first.body!.nextCursor}`);
    expect(second.body!.items).toHaveLength(2);
    expect(second.body!.nextCursor).toBeNull();
    const ids = [...first.body!.items, ...second.body!.items].map((f: { id: string }) => f.id);
    expect(new Set(ids).size).toBe(4);
    // Worst first: no item is more severe than the one before it.
    const rank = { low: 0, medium: 1, high: 2, critical: 3 } as const;
    const severities = [...first.body!.items, ...second.body!.items].map((f: { severity: keyof typeof rank }) => rank[f.severity]);
    expect([...severities].sort((a, b) => b - a)).toEqual(severities);
  });

  it("answers 422 for invalid filters and bodies, 403 for callers who may not accept, 404 for unknown ids", async () => {
    const { owner, credential } = await setup();
    const [finding] = (await list(owner.key, `ruleId=credential-long-lived&ownerId=${owner.user.id}`)).body!.items;
    expect(finding.targetId).toBe(credential.id);

    expect((await list(owner.key, "severity=urgent")).status).toBe(422);
    const badFramework = await list(owner.key, "framework=NHI7");
    expect(badFramework.status).toBe(422);
    expect(badFramework.body!.errors[0].path).toBe("framework");

    const accept = (apiKey: string, body: unknown, id = finding.id) =>
      call(acceptRoute.POST, { method: "POST", apiKey, params: { id }, body, path: `/api/v1/findings/${id}/accept` });
    const noReason = await accept(owner.key, { until: addDays(new Date(), 5).toISOString() });
    expect(noReason.status).toBe(422);
    expect(noReason.body!.errors.map((e: { path: string }) => e.path)).toContain("reason");
    const tooLong = await accept(owner.key, { reason: "Migration is planned next year.", until: addDays(new Date(), 400).toISOString() });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body!.errors.map((e: { path: string }) => e.path)).toContain("until");
    const unknownField = await accept(owner.key, { reason: "Migration is planned next year.", until: addDays(new Date(), 5).toISOString(), status: "resolved" });
    expect(unknownField.status).toBe(422);

    const auditor = await userWithKey(["auditor"]);
    expect((await accept(auditor.key, { reason: "Auditors cannot accept risk.", until: addDays(new Date(), 5).toISOString() })).status).toBe(403);
    const otherBusiness = await userWithKey(["business_owner"]);
    expect((await accept(otherBusiness.key, { reason: "Not my finding to accept.", until: addDays(new Date(), 5).toISOString() })).status).toBe(403);
    const readOnlyOwner = await call(acceptRoute.POST, {
      method: "POST",
      apiKey: (await userWithKey(["identity_owner"], ["read"])).key,
      params: { id: finding.id },
      body: { reason: "A read-only key cannot write.", until: addDays(new Date(), 5).toISOString() },
    });
    expect(readOnlyOwner.status).toBe(403);

    const ok = await accept(owner.key, { reason: "Migration is planned next quarter.", until: addDays(new Date(), 60).toISOString() });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: finding.id, status: "accepted", acceptedReason: "Migration is planned next quarter." });
    const fetched = await call(findingRoute.GET, { apiKey: owner.key, params: { id: finding.id } });
    expect(fetched.body).toMatchObject({ status: "accepted" });

    expect((await call(findingRoute.GET, { apiKey: owner.key, params: { id: "not-a-uuid" } })).status).toBe(404);
    expect((await call(findingRoute.GET, { apiKey: owner.key, params: { id: crypto.randomUUID() } })).status).toBe(404);
    expect((await accept(owner.key, { reason: "Nothing to accept here.", until: addDays(new Date(), 5).toISOString() }, crypto.randomUUID())).status).toBe(404);
    expect((await call(findingsRoute.GET, { path: "/api/v1/findings" })).status).toBe(401);
  });

  it("frameworks lists every OWASP NHI and Agentic item and the NIST subcategories with controls, rules and open counts", async () => {
    await setup();
    const { key } = await userWithKey(["auditor"], ["read"]);
    const res = await call(frameworksRoute.GET, { apiKey: key, path: "/api/v1/frameworks" });
    expect(res.status).toBe(200);
    const items = res.body!.items as { id: string; coverage: string; controls: unknown[]; rules: { id: string }[]; openFindings: number }[];
    const ids = items.map((i) => i.id);
    for (let n = 1; n <= 10; n++) {
      expect(ids).toContain(`OWASP-NHI:NHI${n}`);
      expect(ids).toContain(`OWASP-ASI:ASI${String(n).padStart(2, "0")}`);
    }
    for (const code of ["GOVERN-1.5", "GOVERN-1.6", "GOVERN-1.7", "GOVERN-2.1", "GOVERN-3.2", "GOVERN-6.1", "GOVERN-6.2", "MANAGE-2.4"]) {
      expect(ids).toContain(`NIST-AI-RMF:${code}`);
    }
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get("OWASP-NHI:NHI2")).toMatchObject({ coverage: "controls", rules: [] });
    expect(byId.get("OWASP-ASI:ASI05")).toMatchObject({ coverage: "none", controls: [] });
    const nhi10 = byId.get("OWASP-NHI:NHI10")!;
    expect(nhi10.rules.map((r) => r.id)).toEqual(["nhi-human-use"]);
    const listed = await list(key, "framework=OWASP-NHI:NHI10&status=open&limit=500");
    expect(nhi10.openFindings).toBe(listed.body!.items.length);
    expect(nhi10.openFindings).toBeGreaterThanOrEqual(1);
    // A framework's total counts each open finding once, however many of its items the finding maps to.
    const frameworks = res.body!.frameworks as { id: string; openFindings: number }[];
    const all = await list(key, "status=open&limit=500");
    for (const framework of frameworks) {
      const distinct = (all.body!.items as { frameworks: string[] }[]).filter((f) => f.frameworks.some((id) => id.startsWith(`${framework.id}:`))).length;
      expect(framework.openFindings).toBe(distinct);
    }
    expect(frameworks.find((f) => f.id === "OWASP-NHI")!.openFindings).toBeLessThan(
      items.filter((i) => i.id.startsWith("OWASP-NHI:")).reduce((n, i) => n + i.openFindings, 0),
    );
  });
});
