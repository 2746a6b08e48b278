import { and, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { addDays, createCredential, createNhi, createUser } from "@/db/seed/factories";
import { auditEvents, credentials, findings, nhis } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { acceptFindingRisk } from "@/lib/domain/findings/accept-finding-risk";
import { getFinding } from "@/lib/domain/findings/list-findings";
import { refreshFindings } from "@/lib/domain/findings/refresh-findings";
import { requestFindingsRefresh } from "@/lib/domain/findings/request-refresh";
import { QUEUES } from "@/lib/jobs/queues";
import { ruleById } from "@/lib/domain/findings/rules";
import { allFindings, liveFinding } from "./support";

const RULE = "credential-long-lived";

/** A never-expiring key raises credential-long-lived, owned by the NHI's owner. */
async function longLivedKey() {
  const owner = await createUser(db, { roles: ["identity_owner"] });
  const nhi = await createNhi(db, { ownerId: owner.id });
  const credential = await createCredential(db, { nhiId: nhi.id, expiresAt: null });
  await refreshFindings();
  const finding = (await liveFinding(RULE, credential.id))!;
  return { owner, credential, finding };
}

const lastAudit = async (action: string) =>
  (await db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(desc(auditEvents.seq)).limit(1))[0];

describe("[FINDINGS] lifecycle", () => {
  it("the owner accepts the risk with a reason and expiry; it stays accepted, then reopens when the acceptance runs out", async () => {
    const { owner, credential, finding } = await longLivedKey();
    const until = addDays(new Date(), 30);
    const accepted = await acceptFindingRisk(userActor(owner), finding.id, { reason: "Vendor cannot rotate until Q3 contract.", until });
    expect(accepted).toMatchObject({ status: "accepted", acceptedById: owner.id, acceptedReason: "Vendor cannot rotate until Q3 contract." });
    const audit = await lastAudit("finding.risk_accepted");
    expect(audit).toMatchObject({ targetId: finding.id, actorId: owner.id, reason: "Vendor cannot rotate until Q3 contract." });

    await refreshFindings();
    expect((await liveFinding(RULE, credential.id))!.status).toBe("accepted");

    const result = await refreshFindings({ now: addDays(new Date(), 31) });
    expect(result.reopened).toBeGreaterThanOrEqual(1);
    const reopened = (await liveFinding(RULE, credential.id))!;
    expect(reopened.id).toBe(finding.id);
    expect(reopened.status).toBe("open");
  });

  it("an accepted finding whose condition clears resolves", async () => {
    const { owner, credential, finding } = await longLivedKey();
    await acceptFindingRisk(userActor(owner), finding.id, { reason: "Accepted for the migration window.", until: addDays(new Date(), 10) });
    await db.update(credentials).set({ expiresAt: addDays(new Date(), 20) }).where(eq(credentials.id, credential.id));
    await refreshFindings();
    const [row] = await allFindings(RULE, credential.id);
    expect(row).toMatchObject({ status: "resolved" });
  });

  it("only the accountable owner or an identity owner may accept", async () => {
    const { finding } = await longLivedKey();
    const stranger = await createUser(db, { roles: ["business_owner"] });
    await expect(
      acceptFindingRisk(userActor(stranger), finding.id, { reason: "Not mine but accepting anyway.", until: addDays(new Date(), 5) }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const otherIdentityOwner = await createUser(db, { roles: ["identity_owner"] });
    const accepted = await acceptFindingRisk(userActor(otherIdentityOwner), finding.id, { reason: "Identity team accepts for now.", until: addDays(new Date(), 5) });
    expect(accepted.status).toBe("accepted");
  });

  it("refuses an expiry beyond a year and a resolved finding", async () => {
    const { owner, credential, finding } = await longLivedKey();
    await expect(
      acceptFindingRisk(userActor(owner), finding.id, { reason: "Forever is too long a time.", until: addDays(new Date(), 400) }),
    ).rejects.toMatchObject({ code: "validation" });
    await db.update(credentials).set({ status: "revoked", revokedAt: new Date() }).where(eq(credentials.id, credential.id));
    await refreshFindings();
    await expect(
      acceptFindingRisk(userActor(owner), finding.id, { reason: "Too late, it is resolved.", until: addDays(new Date(), 5) }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("writes one audit summary per run that changed something, none for a run that changed nothing", async () => {
    await refreshFindings(); // settle whatever earlier tests left
    const before = (await db.select().from(auditEvents).where(eq(auditEvents.action, "findings.refreshed"))).length;
    const nhi = await createNhi(db);
    const credential = await createCredential(db, { nhiId: nhi.id, expiresAt: null });
    const opened = await refreshFindings();
    expect(opened.audited).toBe(true);
    const summary = await lastAudit("findings.refreshed");
    expect(summary!.after).toMatchObject({ opened: expect.any(Number), byRule: { [RULE]: { opened: 1, resolved: 0 } } });

    const quiet = await refreshFindings();
    expect(quiet).toMatchObject({ opened: 0, resolved: 0, reopened: 0, audited: false });
    expect((await db.select().from(auditEvents).where(eq(auditEvents.action, "findings.refreshed"))).length).toBe(before + 1);
    expect((await liveFinding(RULE, credential.id))!.lastSeenAt.getTime()).toBeGreaterThan(0);
  });

  it("keeps history: a condition that returns after resolving opens a new finding beside the resolved one", async () => {
    const { credential } = await longLivedKey();
    await db.update(credentials).set({ expiresAt: addDays(new Date(), 20) }).where(eq(credentials.id, credential.id));
    await refreshFindings();
    await db.update(credentials).set({ expiresAt: null }).where(eq(credentials.id, credential.id));
    await refreshFindings();
    const rows = await db.select().from(findings).where(and(eq(findings.ruleId, RULE), eq(findings.targetId, credential.id)));
    expect(rows.map((r) => r.status).sort()).toEqual(["open", "resolved"]);
  });

  it("leaves revocation-unconfirmed to hook delivery: a refresh neither resolves it nor duplicates it, but reopens its expired acceptance", async () => {
    const rule = ruleById("revocation-unconfirmed")!;
    expect(rule.query).toBeNull();
    const targetId = crypto.randomUUID();
    const [row] = await db
      .insert(findings)
      .values({ ruleId: rule.id, targetType: rule.targetType, targetId, severity: rule.severity, frameworks: [...rule.frameworks], status: "accepted",
        acceptedReason: "Receiver is being replaced this week.", acceptedUntil: addDays(new Date(), 2) })
      .returning();
    await refreshFindings();
    expect((await liveFinding(rule.id, targetId))!.status).toBe("accepted");
    await refreshFindings({ now: addDays(new Date(), 3) });
    const after = await allFindings(rule.id, targetId);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: row!.id, status: "open" });
  });

  it("a live finding follows its target's owner; an unchanged one is shown as seen at the last refresh without being rewritten", async () => {
    const { credential, finding } = await longLivedKey();
    const successor = await createUser(db, { roles: ["identity_owner"] });
    await db.update(nhis).set({ ownerId: successor.id }).where(eq(nhis.id, credential.nhiId));
    const later = addDays(new Date(), 1);
    await refreshFindings({ now: later });
    const moved = (await liveFinding(RULE, credential.id))!;
    expect(moved).toMatchObject({ id: finding.id, ownerId: successor.id, status: "open" });
    expect(moved.lastSeenAt.toISOString()).toBe(later.toISOString());

    const evenLater = addDays(new Date(), 2);
    await refreshFindings({ now: evenLater });
    const row = (await liveFinding(RULE, credential.id))!;
    expect(row.lastSeenAt.toISOString()).toBe(later.toISOString()); // not rewritten: nothing changed
    const shown = await getFinding(userActor(successor), finding.id);
    expect(shown.lastSeenAt.toISOString()).toBe(evenLater.toISOString()); // but confirmed by the last refresh
  });

  it("requestFindingsRefresh enqueues debounced findings.refresh jobs with the transaction, none when it rolls back", async () => {
    const jobs = async () =>
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${QUEUES.refreshFindings}`))[0]!.n;
    await expect(
      db.transaction(async (tx) => {
        await requestFindingsRefresh(tx);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await jobs()).toBe(0);
    await db.transaction(async (tx) => {
      await requestFindingsRefresh(tx);
      await requestFindingsRefresh(tx);
    });
    for (let i = 0; i < 3; i++) await db.transaction((tx) => requestFindingsRefresh(tx));
    // Debounced: at most one job per 30 s slot (this one, then a follow-up in the next, pg-boss singletonNextSlot),
    // however many changes ask — five requests within a second or two make two jobs, three if a slot boundary passed.
    const [slots] = await db.execute<{ jobs: number; slots: number }>(
      sql`select count(*)::int as jobs, count(distinct singleton_on)::int as slots from pgboss.job where name = ${QUEUES.refreshFindings}`,
    );
    expect(slots!.jobs).toBe(slots!.slots);
    expect(slots!.jobs).toBeGreaterThanOrEqual(2);
    expect(slots!.jobs).toBeLessThanOrEqual(3);
  });
});
