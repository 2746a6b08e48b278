import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { createCredential, createEntitlement, createUser } from "@/db/seed/factories";
import {
  credentials,
  entitlements,
  findings,
  hookDeliveries,
  hookEvents,
  hooks,
  reviewCampaigns,
  reviewItems,
  revocations,
} from "@/db/schema";
import type { Role } from "@/lib/auth/permissions";
import { userActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { getCredentialAgeDistribution } from "./get-credential-age-distribution";
import { getFindingsTrend } from "./get-findings-trend";
import { getReviewCompletion } from "./get-review-completion";
import { getRevocationConfirmation } from "./get-revocation-confirmation";

const NOW = new Date("2026-03-10T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const at = (iso: string) => new Date(iso);
const actorWith = async (...roles: Role[]) => userActor(await createUser(db, { roles }));

// Each test builds the whole picture it asserts on; the tables it reads start empty.
beforeEach(async () => {
  await db.execute(sql`delete from ${hookDeliveries}`);
  await db.execute(sql`delete from ${hookEvents}`);
  await db.execute(sql`delete from ${hooks}`);
  await db.execute(sql`delete from ${revocations}`);
  await db.execute(sql`delete from ${findings}`);
  await db.execute(sql`delete from ${reviewItems}`);
  await db.execute(sql`delete from ${reviewCampaigns}`);
  await db.execute(sql`update ${entitlements} set next_review_at = null`);
  await db.execute(sql`delete from ${credentials}`);
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

type FindingInput = Pick<typeof findings.$inferInsert, "severity" | "firstSeenAt"> & Partial<typeof findings.$inferInsert>;
const finding = (f: FindingInput) =>
  db.insert(findings).values({ ruleId: "test-rule", targetType: "nhi", targetId: crypto.randomUUID(), frameworks: ["NHI1"], ...f });

describe("[OVERVIEW] getFindingsTrend", () => {
  it("counts each finding on the days it was open at the close of the day, by severity, with accepted ones apart", async () => {
    await finding({ severity: "high", firstSeenAt: at("2026-03-01T08:00:00Z") }); // open all window
    await finding({ severity: "critical", firstSeenAt: at("2026-03-07T10:00:00Z"), status: "resolved", resolvedAt: at("2026-03-09T08:00:00Z") });
    await finding({ severity: "low", firstSeenAt: at("2026-03-08T23:00:00Z") });
    await finding({ severity: "medium", firstSeenAt: at("2026-02-01T00:00:00Z"), status: "resolved", resolvedAt: at("2026-03-05T10:00:00Z") });
    // Resolved exactly at midnight: no longer open when 03-06 closes.
    await finding({ severity: "medium", firstSeenAt: at("2026-03-04T00:00:00Z"), status: "resolved", resolvedAt: at("2026-03-06T00:00:00Z") });
    // Accepted until midday on 03-09: accepted before, open again after the acceptance lapsed.
    await finding({ severity: "medium", firstSeenAt: at("2026-03-06T01:00:00Z"), status: "accepted", acceptedUntil: at("2026-03-09T12:00:00Z") });
    await finding({ severity: "high", firstSeenAt: at("2026-03-01T00:00:00Z"), status: "accepted", acceptedUntil: null });
    // Opened and resolved within one day, and one "seen" after now: neither shows.
    await finding({ severity: "low", firstSeenAt: at("2026-03-09T05:00:00Z"), status: "resolved", resolvedAt: at("2026-03-09T09:00:00Z") });
    await finding({ severity: "critical", firstSeenAt: at("2026-03-10T18:00:00Z") });

    const trend = await getFindingsTrend(await actorWith("auditor"), { days: 5, now: NOW });
    expect(trend.days).toEqual([
      { day: "2026-03-06", low: 0, medium: 0, high: 1, critical: 0, accepted: 2 },
      { day: "2026-03-07", low: 0, medium: 0, high: 1, critical: 1, accepted: 2 },
      { day: "2026-03-08", low: 1, medium: 0, high: 1, critical: 1, accepted: 2 },
      { day: "2026-03-09", low: 1, medium: 1, high: 1, critical: 0, accepted: 1 },
      { day: "2026-03-10", low: 1, medium: 1, high: 1, critical: 0, accepted: 1 },
    ]);
  });

  it("defaults to 90 days ending today, all zero without findings, and refuses a window outside 1–366 days", async () => {
    const actor = await actorWith("identity_owner");
    const trend = await getFindingsTrend(actor, { now: NOW });
    expect(trend.days).toHaveLength(90);
    expect(trend.days[0]!.day).toBe("2025-12-11");
    expect(trend.days.at(-1)).toEqual({ day: "2026-03-10", low: 0, medium: 0, high: 0, critical: 0, accepted: 0 });
    expect((await rejection(getFindingsTrend(actor, { days: 0, now: NOW }))).status).toBe(422);
    expect((await rejection(getFindingsTrend(actor, { days: 400, now: NOW }))).status).toBe(422);
  });
});

describe("[OVERVIEW] getCredentialAgeDistribution", () => {
  it("buckets active standing credentials by time since rotation or issue, leaves out JIT tokens and inactive ones, counts those without expiry", async () => {
    const expires = new Date(NOW.getTime() + 30 * DAY);
    await createCredential(db, { issuedAt: ago(10), expiresAt: expires });
    await createCredential(db, { issuedAt: ago(400), lastRotatedAt: ago(29), expiresAt: expires }); // rotated recently
    await createCredential(db, { issuedAt: ago(30), expiresAt: expires }); // exactly 30 days: lower-inclusive
    await createCredential(db, { issuedAt: ago(100), expiresAt: null });
    await createCredential(db, { issuedAt: ago(200), expiresAt: expires });
    await createCredential(db, { issuedAt: ago(365), expiresAt: null });
    await createCredential(db, { kind: "jit_token", jti: crypto.randomUUID(), issuedAt: ago(500), expiresAt: null });
    await createCredential(db, { issuedAt: ago(500), status: "revoked", expiresAt: null });
    await createCredential(db, { issuedAt: ago(500), status: "rotated", expiresAt: null });

    const dist = await getCredentialAgeDistribution(await actorWith("auditor"), NOW);
    expect(dist.buckets.map((b) => [b.key, b.count])).toEqual([
      ["under30", 2],
      ["from30to90", 1],
      ["from90to180", 1],
      ["from180to365", 1],
      ["over365", 1],
    ]);
    expect(dist.total).toBe(6);
    expect(dist.withoutExpiry).toBe(2);
  });
});

describe("[OVERVIEW] getRevocationConfirmation", () => {
  it("classifies each revocation of the window by its deliveries: all succeeded, any failed, still pending, no hooks; undone ones left out", async () => {
    const [hookA, hookB] = await db
      .insert(hooks)
      .values(["a", "b"].map((name) => ({ name, url: `https://hooks.example.com/${name}`, events: ["entitlement.revoked"], format: "caep-set" as const })))
      .returning();
    const revocation = async (createdAt: Date, deliveries: ("pending" | "succeeded" | "failed")[][] = [], restoredAt: Date | null = null) => {
      const [r] = await db
        .insert(revocations)
        .values({ targetType: "entitlement", targetId: crypto.randomUUID(), reason: "test", priorState: {}, undoUntil: createdAt, createdAt, restoredAt })
        .returning();
      for (const statuses of deliveries) {
        const [event] = await db.insert(hookEvents).values({ type: "entitlement.revoked", payload: {}, revocationId: r!.id }).returning();
        if (statuses.length) {
          await db.insert(hookDeliveries).values(statuses.map((status, i) => ({ hookId: (i === 0 ? hookA : hookB)!.id, eventId: event!.id, status })));
        }
      }
    };
    await revocation(at("2026-03-07T23:59:00Z"), [["failed"]]); // before the window
    await revocation(at("2026-03-08T10:00:00Z"), [["succeeded", "succeeded"]]);
    await revocation(at("2026-03-08T11:00:00Z"), [["succeeded", "failed"]]);
    await revocation(at("2026-03-09T09:00:00Z"), [["pending", "succeeded"]]);
    await revocation(at("2026-03-09T10:00:00Z"), [["succeeded"], ["succeeded"]]); // two events (revoke all), both delivered
    await revocation(at("2026-03-10T09:00:00Z")); // no event at all
    await revocation(at("2026-03-10T10:00:00Z"), [[]]); // an event nobody subscribed to
    await revocation(at("2026-03-10T11:00:00Z"), [["failed"]], at("2026-03-10T11:00:20Z")); // undone
    await revocation(at("2026-03-10T13:00:00Z"), [["failed"]]); // after now

    const result = await getRevocationConfirmation(await actorWith("auditor"), { days: 3, now: NOW });
    expect(result.days).toEqual([
      { day: "2026-03-08", confirmed: 1, pending: 0, failed: 1, noHooks: 0 },
      { day: "2026-03-09", confirmed: 1, pending: 1, failed: 0, noHooks: 0 },
      { day: "2026-03-10", confirmed: 0, pending: 0, failed: 0, noHooks: 2 },
    ]);
    expect(result.totals).toEqual({ confirmed: 2, pending: 1, failed: 1, noHooks: 2 });
  });
});

describe("[OVERVIEW] getReviewCompletion", () => {
  it("counts decided, pending, overdue and closed items for the cadence queue and each active campaign, and entitlements past their review date", async () => {
    const [e1, e2, e3, e4, e5] = await Promise.all([1, 2, 3, 4, 5].map(() => createEntitlement(db)));
    const later = new Date(NOW.getTime() + DAY);
    const [active, closedCampaign, empty] = await db
      .insert(reviewCampaigns)
      .values([
        { name: "Q1 privileged", stages: ["business_owner", "identity_owner"], dueAt: new Date(NOW.getTime() + 10 * DAY), status: "active" as const },
        { name: "Q4", stages: ["business_owner"], dueAt: ago(60), status: "closed" as const },
        { name: "Vendors", stages: ["business_owner"], dueAt: new Date(NOW.getTime() + 5 * DAY), status: "active" as const },
      ])
      .returning();
    const item = (entitlementId: string, campaignId: string | null, fields: Partial<typeof reviewItems.$inferInsert>) => ({
      entitlementId,
      campaignId,
      dueAt: later,
      ...fields,
    });
    await db.insert(reviewItems).values([
      item(e1!.id, active!.id, { status: "decided", decision: "certify", decidedAt: ago(1) }),
      item(e2!.id, active!.id, {}),
      item(e3!.id, active!.id, { dueAt: ago(1) }),
      item(e4!.id, active!.id, { status: "closed", closedReason: "entitlement already revoked" }),
      item(e1!.id, active!.id, { stage: "identity_owner", dueAt: ago(2) }),
      item(e1!.id, closedCampaign!.id, {}),
      item(e1!.id, null, { dueAt: ago(3), createdAt: ago(40) }),
      item(e2!.id, null, { createdAt: ago(200) }), // still pending, however old
      item(e3!.id, null, { status: "decided", decision: "certify", createdAt: ago(10) }),
      item(e4!.id, null, { status: "decided", decision: "certify", createdAt: ago(200) }), // outside the 90-day window
      item(e5!.id, null, { status: "closed", createdAt: ago(5) }),
    ]);
    await db.update(entitlements).set({ nextReviewAt: ago(1) }).where(eq(entitlements.id, e1!.id));
    await db.update(entitlements).set({ nextReviewAt: later }).where(eq(entitlements.id, e2!.id));
    await db.update(entitlements).set({ nextReviewAt: ago(5), status: "revoked" }).where(eq(entitlements.id, e3!.id));

    const result = await getReviewCompletion(await actorWith("identity_owner"), NOW);
    expect(result.cadence).toEqual({ decided: 1, pending: 1, overdue: 1, closed: 1 });
    expect(result.campaigns).toEqual([
      { campaignId: empty!.id, name: "Vendors", dueAt: empty!.dueAt, decided: 0, pending: 0, overdue: 0, closed: 0 },
      { campaignId: active!.id, name: "Q1 privileged", dueAt: active!.dueAt, decided: 1, pending: 1, overdue: 2, closed: 1 },
    ]);
    expect(result.entitlementsOverdue).toBe(1);
  });
});

describe("[OVERVIEW] authorization", () => {
  it("auditors, identity owners and business owners may read every chart; a user without roles gets 403 from each", async () => {
    const reads = (actor: Awaited<ReturnType<typeof actorWith>>) => [
      getFindingsTrend(actor, { now: NOW }),
      getReviewCompletion(actor, NOW),
      getCredentialAgeDistribution(actor, NOW),
      getRevocationConfirmation(actor, { now: NOW }),
    ];
    for (const role of ["auditor", "identity_owner", "business_owner"] as const) {
      await expect(Promise.all(reads(await actorWith(role)))).resolves.toHaveLength(4);
    }
    const nobody = await actorWith();
    for (const read of reads(nobody)) expect((await rejection(read)).status).toBe(403);
  });
});
