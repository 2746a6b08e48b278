import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import {
  addDays,
  bindNhi,
  createCredential,
  createDataSet,
  createEntitlement,
  createNhi,
  createUser,
  createWorkflow,
} from "@/db/seed/factories";
import { accessExceptions, credentials, entitlements, nhis, users, workflowDataSets, workflowNhis, workflows } from "@/db/schema";
import { RULES, ruleById } from "@/lib/domain/findings/rules";
import { FRAMEWORK_ITEM_IDS } from "@/lib/domain/findings/frameworks";
import { refreshFindings } from "@/lib/domain/findings/refresh-findings";
import { expectRaisedThenResolved, liveFinding } from "./support";

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const fw = (id: string) => [...ruleById(id)!.frameworks];

describe("[FINDINGS] rule catalogue", () => {
  it("names only framework items that exist, and every rule has a remediation and controls", () => {
    expect(RULES.length).toBeGreaterThanOrEqual(14);
    for (const rule of RULES) {
      expect(rule.frameworks.length, rule.id).toBeGreaterThan(0);
      for (const f of rule.frameworks) expect(FRAMEWORK_ITEM_IDS, `${rule.id} → ${f}`).toContain(f);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(20);
      expect(rule.controls.length, rule.id).toBeGreaterThan(0);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});

describe("[FINDINGS] each rule raises and resolves", () => {
  it("orphaned-nhi: an NHI whose owner was deactivated goes to a served workflow's identity owner", async () => {
    const owner = await createUser(db, { roles: ["identity_owner"] });
    const workflow = await createWorkflow(db);
    const nhi = await createNhi(db, { ownerId: owner.id });
    await bindNhi(db, workflow.id, nhi.id);
    await db.update(users).set({ active: false }).where(eq(users.id, owner.id));
    const f = await expectRaisedThenResolved({
      ruleId: "orphaned-nhi",
      targetId: nhi.id,
      ownerId: workflow.identityOwnerId,
      frameworks: ["OWASP-NHI:NHI1", "NIST-AI-RMF:GOVERN-2.1"],
      clear: () => db.update(nhis).set({ ownerId: workflow.identityOwnerId }).where(eq(nhis.id, nhi.id)),
    });
    expect(f.details).toMatchObject({ reason: "owner deactivated" });
  });

  it("orphaned-nhi: an NHI with no owner serving no workflow has no owner", async () => {
    const nhi = await createNhi(db, { ownerId: null });
    await expectRaisedThenResolved({
      ruleId: "orphaned-nhi",
      targetId: nhi.id,
      ownerId: null,
      frameworks: fw("orphaned-nhi"),
      clear: () => db.update(nhis).set({ status: "decommissioned" }).where(eq(nhis.id, nhi.id)),
    });
  });

  it("orphaned-workflow: a deactivated business owner hands the finding to the identity owner", async () => {
    const workflow = await createWorkflow(db);
    await db.update(users).set({ active: false }).where(eq(users.id, workflow.businessOwnerId!));
    const replacement = await createUser(db, { roles: ["business_owner"] });
    const f = await expectRaisedThenResolved({
      ruleId: "orphaned-workflow",
      targetId: workflow.id,
      ownerId: workflow.identityOwnerId,
      frameworks: ["OWASP-NHI:NHI1", "NIST-AI-RMF:GOVERN-2.1"],
      clear: () => db.update(workflows).set({ businessOwnerId: replacement.id }).where(eq(workflows.id, workflow.id)),
    });
    expect(f.details).toMatchObject({ businessOwner: "deactivated" });
  });

  it("access-on-inactive-workflow: a suspended workflow with an active grant", async () => {
    const e = await createEntitlement(db);
    const [workflow] = await db.update(workflows).set({ status: "suspended" }).where(eq(workflows.id, e.workflowId)).returning();
    await expectRaisedThenResolved({
      ruleId: "access-on-inactive-workflow",
      targetId: e.workflowId,
      ownerId: workflow!.identityOwnerId,
      frameworks: ["OWASP-NHI:NHI1", "NIST-AI-RMF:GOVERN-1.7"],
      clear: () => db.update(entitlements).set({ status: "revoked", revokedAt: new Date() }).where(eq(entitlements.id, e.id)),
    });
  });

  it("entitlement-exceeds-approval: narrowed approval without an exception, cleared by an approved exception", async () => {
    const e = await createEntitlement(db, { actions: ["read", "write"] });
    const [workflow] = await db.select().from(workflows).where(eq(workflows.id, e.workflowId));
    await db.update(workflowDataSets).set({ actions: ["read"] }).where(eq(workflowDataSets.workflowId, e.workflowId));
    await expectRaisedThenResolved({
      ruleId: "entitlement-exceeds-approval",
      targetId: e.id,
      ownerId: workflow!.businessOwnerId,
      frameworks: ["OWASP-NHI:NHI5", "OWASP-ASI:ASI03"],
      clear: () =>
        db.insert(accessExceptions).values({
          workflowId: e.workflowId,
          dataSetId: e.dataSetId,
          actions: ["write"],
          reason: "Quarter-end backfill needs write access.",
          status: "approved",
          expiresAt: addDays(new Date(), 10),
        }),
    });
  });

  it("entitlement-unused: active for 100 days on an NHI last used 120 days ago", async () => {
    const nhi = await createNhi(db, { lastUsedAt: daysAgo(120) });
    const e = await createEntitlement(db, { nhiId: nhi.id, createdAt: daysAgo(100), businessApprovedAt: daysAgo(100), identityApprovedAt: daysAgo(100) });
    const [workflow] = await db.select().from(workflows).where(eq(workflows.id, e.workflowId));
    await expectRaisedThenResolved({
      ruleId: "entitlement-unused",
      targetId: e.id,
      ownerId: workflow!.identityOwnerId,
      frameworks: ["OWASP-NHI:NHI5"],
      clear: () => db.update(nhis).set({ lastUsedAt: new Date() }).where(eq(nhis.id, nhi.id)),
    });
  });

  it("credential-long-lived: a key that never expires, cleared by setting an expiry", async () => {
    const nhi = await createNhi(db);
    const c = await createCredential(db, { nhiId: nhi.id, expiresAt: null });
    await expectRaisedThenResolved({
      ruleId: "credential-long-lived",
      targetId: c.id,
      ownerId: nhi.ownerId,
      frameworks: ["OWASP-NHI:NHI7"],
      clear: () => db.update(credentials).set({ expiresAt: addDays(new Date(), 30) }).where(eq(credentials.id, c.id)),
    });
  });

  it("credential-rotation-overdue: 90-day period, issued 120 days ago, cleared by a rotation", async () => {
    const nhi = await createNhi(db);
    const c = await createCredential(db, { nhiId: nhi.id, issuedAt: daysAgo(120), expiresAt: addDays(new Date(), 30), rotationPeriodDays: 90 });
    await expectRaisedThenResolved({
      ruleId: "credential-rotation-overdue",
      targetId: c.id,
      ownerId: nhi.ownerId,
      frameworks: ["OWASP-NHI:NHI7"],
      clear: () => db.update(credentials).set({ lastRotatedAt: daysAgo(1) }).where(eq(credentials.id, c.id)),
    });
  });

  it("static-key-where-federation: a non-expiring AWS access key, not raised for a provider without federation", async () => {
    const aws = await createNhi(db, { provider: "aws" });
    const c = await createCredential(db, { nhiId: aws.id, kind: "api_key", expiresAt: null });
    const openai = await createNhi(db, { provider: "openai" });
    const other = await createCredential(db, { nhiId: openai.id, kind: "api_key", expiresAt: null });
    await expectRaisedThenResolved({
      ruleId: "static-key-where-federation",
      targetId: c.id,
      ownerId: aws.ownerId,
      frameworks: ["OWASP-NHI:NHI4", "OWASP-NHI:NHI6"],
      clear: async () => {
        expect(await liveFinding("static-key-where-federation", other.id)).toBeUndefined();
        await db.update(credentials).set({ status: "revoked", revokedAt: new Date() }).where(eq(credentials.id, c.id));
      },
    });
  });

  it("nhi-prod-and-nonprod: prod and dev grants on one identity", async () => {
    const nhi = await createNhi(db, { environment: "prod" });
    await createEntitlement(db, { nhiId: nhi.id, dataSetId: (await createDataSet(db, { environment: "prod" })).id });
    const dev = await createEntitlement(db, { nhiId: nhi.id, dataSetId: (await createDataSet(db, { environment: "dev" })).id });
    const f = await expectRaisedThenResolved({
      ruleId: "nhi-prod-and-nonprod",
      targetId: nhi.id,
      ownerId: nhi.ownerId,
      frameworks: ["OWASP-NHI:NHI8"],
      clear: () => db.update(entitlements).set({ status: "revoked", revokedAt: new Date() }).where(eq(entitlements.id, dev.id)),
    });
    expect((f.details as { environments: string[] }).environments.sort()).toEqual(["dev", "prod"]);
  });

  it("nhi-shared-across-workflows: bound to two live workflows", async () => {
    const nhi = await createNhi(db);
    const a = await createWorkflow(db);
    const b = await createWorkflow(db);
    await bindNhi(db, a.id, nhi.id);
    await bindNhi(db, b.id, nhi.id);
    await expectRaisedThenResolved({
      ruleId: "nhi-shared-across-workflows",
      targetId: nhi.id,
      ownerId: nhi.ownerId,
      frameworks: ["OWASP-NHI:NHI9"],
      clear: () => db.update(workflows).set({ status: "retired", retiredAt: new Date() }).where(eq(workflows.id, b.id)),
    });
  });

  it("vendor-workflow-exposure: a vendor workflow on restricted data goes to the business owner", async () => {
    const restricted = await createDataSet(db, { sensitivity: "restricted" });
    const e = await createEntitlement(db, { dataSetId: restricted.id });
    const [workflow] = await db.update(workflows).set({ vendor: "Acme AI" }).where(eq(workflows.id, e.workflowId)).returning();
    await expectRaisedThenResolved({
      ruleId: "vendor-workflow-exposure",
      targetId: workflow!.id,
      ownerId: workflow!.businessOwnerId,
      frameworks: ["OWASP-NHI:NHI3", "NIST-AI-RMF:GOVERN-6.1"],
      clear: () => db.update(entitlements).set({ status: "revoked", revokedAt: new Date() }).where(eq(entitlements.id, e.id)),
    });
  });

  it("vendor-workflow-exposure: a vendor workflow whose key was never rotated", async () => {
    const workflow = await createWorkflow(db, { vendor: "Acme AI" });
    const nhi = await createNhi(db);
    await bindNhi(db, workflow.id, nhi.id);
    const c = await createCredential(db, { nhiId: nhi.id, issuedAt: daysAgo(200), rotationPeriodDays: 180 });
    await expectRaisedThenResolved({
      ruleId: "vendor-workflow-exposure",
      targetId: workflow.id,
      ownerId: workflow.businessOwnerId,
      frameworks: fw("vendor-workflow-exposure"),
      clear: () => db.update(credentials).set({ lastRotatedAt: daysAgo(2) }).where(eq(credentials.id, c.id)),
    });
  });

  it("autonomous-on-utility-or-standing-write: a utility NHI with a standing write grant", async () => {
    const workflow = await createWorkflow(db, { autonomy: "autonomous" });
    const nhi = await createNhi(db, { classification: "utility" });
    const e = await createEntitlement(db, { workflowId: workflow.id, nhiId: nhi.id, actions: ["read", "write"] });
    await expectRaisedThenResolved({
      ruleId: "autonomous-on-utility-or-standing-write",
      targetId: workflow.id,
      ownerId: workflow.identityOwnerId,
      frameworks: ["OWASP-ASI:ASI03", "NIST-AI-RMF:GOVERN-3.2"],
      clear: async () => {
        await db.update(nhis).set({ classification: "privileged" }).where(eq(nhis.id, nhi.id));
        await db.update(entitlements).set({ jit: true, maxTtlSeconds: 900 }).where(eq(entitlements.id, e.id));
      },
    });
  });

  it("review-overdue: next review date in the past goes to the business owner", async () => {
    const e = await createEntitlement(db, { nextReviewAt: daysAgo(3) });
    const [workflow] = await db.select().from(workflows).where(eq(workflows.id, e.workflowId));
    await expectRaisedThenResolved({
      ruleId: "review-overdue",
      targetId: e.id,
      ownerId: workflow!.businessOwnerId,
      frameworks: ["NIST-AI-RMF:GOVERN-1.5"],
      clear: () => db.update(entitlements).set({ nextReviewAt: addDays(new Date(), 30), lastReviewedAt: new Date() }).where(eq(entitlements.id, e.id)),
    });
  });

  it("nhi-human-use: interactive sign-in reported by an import, cleared once it ages out", async () => {
    const nhi = await createNhi(db, { humanUseSeenAt: daysAgo(6), attributes: { passwordEnabled: false } });
    await expectRaisedThenResolved({
      ruleId: "nhi-human-use",
      targetId: nhi.id,
      ownerId: nhi.ownerId,
      frameworks: ["OWASP-NHI:NHI10"],
      clear: () => db.update(nhis).set({ humanUseSeenAt: daysAgo(200) }).where(eq(nhis.id, nhi.id)),
    });
  });

  it("nhi-human-use: a console password alone raises it", async () => {
    const nhi = await createNhi(db, { attributes: { passwordEnabled: true } });
    await expectRaisedThenResolved({
      ruleId: "nhi-human-use",
      targetId: nhi.id,
      ownerId: nhi.ownerId,
      frameworks: ["OWASP-NHI:NHI10"],
      clear: () => db.update(nhis).set({ attributes: { passwordEnabled: false } }).where(eq(nhis.id, nhi.id)),
    });
  });

  it("nhi-without-workflow: an old active identity bound to nothing, cleared by a binding", async () => {
    const nhi = await createNhi(db, { createdAt: daysAgo(30) });
    const workflow = await createWorkflow(db);
    await expectRaisedThenResolved({
      ruleId: "nhi-without-workflow",
      targetId: nhi.id,
      ownerId: nhi.ownerId,
      frameworks: ["NIST-AI-RMF:GOVERN-1.6"],
      clear: () => db.insert(workflowNhis).values({ workflowId: workflow.id, nhiId: nhi.id }),
    });
  });

  it("a rule sees the evaluation time it is given, not the database clock", async () => {
    const e = await createEntitlement(db, { nextReviewAt: addDays(new Date(), 5) });
    await refreshFindings();
    expect(await liveFinding("review-overdue", e.id)).toBeUndefined();
    await refreshFindings({ now: addDays(new Date(), 6) });
    expect(await liveFinding("review-overdue", e.id)).toBeDefined();
  });
});
