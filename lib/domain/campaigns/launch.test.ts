import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createDataSet, createEntitlement, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, dataSets, entitlements, nhis, notifications, reviewCampaigns, reviewItems, workflows } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { createCampaignInput } from "@/lib/validation/campaigns";
import { DAY, admin, decide, itemFor, itemsOf, launched, ownedGrants } from "@/tests/campaigns/world";
import { onCampaignItemDecided } from "./advance-stage";
import { createCampaign } from "./create-campaign";
import { getCampaign } from "./get-campaign";
import { launchCampaign } from "./launch-campaign";
import { listCampaigns } from "./list-campaigns";
import { reassignItem } from "./reassign-item";
import { remindCampaign } from "./remind-campaign";
import { computeSnapshotHash } from "./snapshot-hash";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const campaignRow = async (id: string) => (await db.select().from(reviewCampaigns).where(eq(reviewCampaigns.id, id)))[0]!;

describe("[CAMPAIGNS] launch freezes the population", () => {
  it("creates one first-stage item per active in-scope grant, assigned to the business owner, with the frozen facts", async () => {
    const actor = await admin();
    const { bo, grants, workflow } = await ownedGrants(3);
    // Not in the population: revoked, pending, and active-but-expired grants of the same owner.
    await createEntitlement(db, { workflowId: workflow.id, status: "revoked" });
    await createEntitlement(db, { workflowId: workflow.id, status: "pending" });
    await createEntitlement(db, { workflowId: workflow.id, status: "active", expiresAt: new Date(Date.now() - DAY) });

    const { campaign, outcome } = await launched(actor, bo.id);
    expect(outcome).toMatchObject({ status: "active", populationSize: 3, unassigned: 0, reviewers: 1 });
    const items = await itemsOf(campaign.id);
    expect(items.map((i) => i.entitlementId).sort()).toEqual(grants.map((g) => g.id).sort());
    for (const item of items) {
      expect(item).toMatchObject({ stage: "business_owner", status: "pending", reviewerId: bo.id });
      expect(item.dueAt.getTime()).toBe(campaign.dueAt.getTime());
      expect(item.snapshot).toMatchObject({ entitlementId: item.entitlementId, workflowName: workflow.name, businessOwner: bo.email, actions: ["read"], sensitivity: "internal" });
    }
    const stored = await campaignRow(campaign.id);
    expect(stored).toMatchObject({ status: "active", populationSize: 3, launchedById: actor.userId });
    expect(stored.snapshotHash).toMatch(/^[0-9a-f]{64}$/);
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "campaign.launched"), eq(auditEvents.targetId, campaign.id)));
    expect(audit!.after).toMatchObject({ populationSize: 3, snapshotHash: stored.snapshotHash });
    const [note] = await db.select().from(notifications).where(and(eq(notifications.userId, bo.id), eq(notifications.kind, "campaign.launched")));
    expect(note!.title).toContain("3 items");
  });

  it("snapshot immutability: later changes to the grant, workflow, NHI and data set alter neither the items nor the hash", async () => {
    const actor = await admin();
    const { bo, grants, workflow } = await ownedGrants(2);
    const { campaign } = await launched(actor, bo.id);
    const before = await itemsOf(campaign.id);
    const hashAtLaunch = (await campaignRow(campaign.id)).snapshotHash;

    await db.update(workflows).set({ name: `${workflow.name} renamed`, autonomy: "autonomous" }).where(eq(workflows.id, workflow.id));
    await db.update(entitlements).set({ actions: ["read", "write"] }).where(eq(entitlements.id, grants[0]!.id));
    await db.update(nhis).set({ name: "renamed-nhi", classification: "privileged" }).where(eq(nhis.id, grants[0]!.nhiId));
    await db.update(dataSets).set({ sensitivity: "restricted" }).where(eq(dataSets.id, grants[0]!.dataSetId));

    const after = await itemsOf(campaign.id);
    expect(after.map((i) => i.snapshot)).toEqual(before.map((i) => i.snapshot));
    expect((await campaignRow(campaign.id)).snapshotHash).toBe(hashAtLaunch);
    // Anyone can recompute the hash from the stored items, and it matches.
    expect((await computeSnapshotHash(db, campaign.id, "business_owner")).hash).toBe(hashAtLaunch);
    // …and it really covers the snapshots: tampering with one stored snapshot changes the recomputed hash.
    await db.execute(sql`update review_items set snapshot = snapshot || '{"actions":["read","write"]}'::jsonb where id = ${before[0]!.id}`);
    expect((await computeSnapshotHash(db, campaign.id, "business_owner")).hash).not.toBe(hashAtLaunch);
  });

  it("scope filters: autonomy, classification, provider, sensitivity, environment and owner each narrow the population", async () => {
    const actor = await admin();
    const bo = await createUser(db, { roles: ["business_owner"] });
    const io = await createUser(db, { roles: ["identity_owner"] });
    const techOwner = await createUser(db, { roles: ["identity_owner"] });
    const wfA = await createWorkflow(db, { businessOwnerId: bo.id, identityOwnerId: io.id, autonomy: "autonomous" });
    const wfB = await createWorkflow(db, { businessOwnerId: bo.id, identityOwnerId: io.id, autonomy: "assistive" });
    const grant = async (workflowId: string, nhi: Parameters<typeof createNhi>[1], ds: Parameters<typeof createDataSet>[1]) => {
      const dataSet = await createDataSet(db, ds);
      const identity = await createNhi(db, { environment: dataSet.environment, ...nhi });
      return (await createEntitlement(db, { workflowId, nhiId: identity.id, dataSetId: dataSet.id })).id;
    };
    const g1 = await grant(wfA.id, { provider: "aws", classification: "privileged" }, { sensitivity: "restricted", environment: "prod" });
    const g2 = await grant(wfA.id, { provider: "gcp", classification: "utility" }, { sensitivity: "internal", environment: "dev" });
    const g3 = await grant(wfB.id, { provider: "aws", classification: "utility", ownerId: techOwner.id }, { sensitivity: "confidential", environment: "staging" });

    const population = async (scope: Record<string, unknown>) => {
      const { campaign } = await launched(actor, bo.id, { scope: { ownerId: bo.id, ...scope } });
      return (await itemsOf(campaign.id)).map((i) => i.entitlementId).sort();
    };
    expect(await population({})).toEqual([g1, g2, g3].sort());
    expect(await population({ autonomy: ["autonomous"] })).toEqual([g1, g2].sort());
    expect(await population({ classification: ["privileged"] })).toEqual([g1]);
    expect(await population({ provider: ["aws"] })).toEqual([g1, g3].sort());
    expect(await population({ sensitivity: ["internal", "confidential"] })).toEqual([g2, g3].sort());
    expect(await population({ environment: ["dev"] })).toEqual([g2]);
    expect(await population({ provider: ["aws"], environment: ["prod"] })).toEqual([g1]);
    // ownerId also matches the NHI's technical owner (and the workflow's identity owner).
    const { campaign: byTech } = await launched(actor, techOwner.id);
    expect((await itemsOf(byTech.id)).map((i) => i.entitlementId)).toEqual([g3]);
  });

  it("double launch: two concurrent launches → one succeeds, the other is a 409 conflict; items are created once", async () => {
    const actor = await admin();
    const { bo } = await ownedGrants(2);
    const campaign = await createCampaign(actor, createCampaignInput.parse({ name: "Race", scope: { ownerId: bo.id }, dueAt: new Date(Date.now() + DAY) }));
    const results = await Promise.allSettled([launchCampaign(actor, campaign.id), launchCampaign(actor, campaign.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect((failed.reason as AppError).status).toBe(409);
    expect(await itemsOf(campaign.id)).toHaveLength(2);
    expect((await rejection(launchCampaign(actor, campaign.id))).status).toBe(409);
  });

  it("only campaign managers create and launch; a business owner is refused", async () => {
    const owner = userActor(await createUser(db, { roles: ["business_owner"] }));
    const input = createCampaignInput.parse({ name: "Nope", dueAt: new Date(Date.now() + DAY) });
    expect((await rejection(createCampaign(owner, input))).status).toBe(403);
  });
});

describe("[CAMPAIGNS] stage logic (any revoke wins)", () => {
  it("certify at stage 1 opens stage 2 for the identity owner with the same snapshot and due date; idempotent", async () => {
    const actor = await admin();
    const { bo, io, grants } = await ownedGrants(1);
    const { campaign } = await launched(actor, bo.id);
    const first = (await itemFor(campaign.id, grants[0]!.id, "business_owner"))!;
    const decided = await decide(first.id, userActor(bo), "certify");
    const second = (await itemFor(campaign.id, grants[0]!.id, "identity_owner"))!;
    expect(second).toMatchObject({ status: "pending", reviewerId: io.id, snapshot: first.snapshot });
    expect(second.dueAt.getTime()).toBe(first.dueAt.getTime());
    // Calling the hook again (a retried transaction) does not open a second item.
    await db.transaction((tx) => onCampaignItemDecided(tx, decided, new Date()));
    expect(await itemsOf(campaign.id)).toHaveLength(2);
    // Certify at the last stage opens nothing further.
    await decide(second.id, userActor(io), "certify");
    expect(await itemsOf(campaign.id)).toHaveLength(2);
    expect((await getCampaign(actor, campaign.id)).totals).toMatchObject({ population: 1, resolved: 1, pending: 0, decided: 2 });
  });

  it("revoke at stage 1 opens no stage 2 and closes the entitlement's other open items; a later certify cannot reopen it", async () => {
    const actor = await admin();
    const { bo, grants } = await ownedGrants(2);
    const { campaign } = await launched(actor, bo.id);
    const [a, b] = grants;
    // b: stage 1 revoked → no stage 2, access really revoked.
    await decide((await itemFor(campaign.id, b!.id, "business_owner"))!.id, userActor(bo), "revoke", "not needed");
    expect(await itemFor(campaign.id, b!.id, "identity_owner")).toBeUndefined();
    expect((await db.select().from(entitlements).where(eq(entitlements.id, b!.id)))[0]!.status).toBe("revoked");

    // a: a stage-2 item already open (e.g. opened by a parallel certify) is closed when stage 1 revokes.
    const firstA = (await itemFor(campaign.id, a!.id, "business_owner"))!;
    await db.insert(reviewItems).values({ campaignId: campaign.id, entitlementId: a!.id, stage: "identity_owner", reviewerId: null, dueAt: firstA.dueAt, snapshot: firstA.snapshot });
    const revokeItem = await decide(firstA.id, userActor(bo), "revoke", "no longer used");
    const secondA = (await itemFor(campaign.id, a!.id, "identity_owner"))!;
    expect(secondA.status).toBe("closed");
    expect(secondA.closedReason).toMatch(/any revoke wins/);
    expect(secondA.decision).toBeNull();
    // A stale certify arriving for the entitlement after the revoke opens nothing.
    await db.delete(reviewItems).where(eq(reviewItems.id, secondA.id));
    await db.transaction((tx) => onCampaignItemDecided(tx, { ...revokeItem, decision: "certify" }, new Date()));
    expect(await itemFor(campaign.id, a!.id, "identity_owner")).toBeUndefined();
    const detail = await getCampaign(actor, campaign.id);
    expect(detail.totals).toMatchObject({ population: 2, pending: 0, revokes: 2 });
  });
});

describe("[CAMPAIGNS] list", () => {
  it("pages newest first with keyset cursors, never skipping or repeating a campaign", async () => {
    const actor = await admin();
    for (let i = 0; i < 3; i++) await createCampaign(actor, createCampaignInput.parse({ name: `List ${i}`, dueAt: new Date(Date.now() + DAY) }));
    const all = await db.select({ id: reviewCampaigns.id, createdAt: reviewCampaigns.createdAt }).from(reviewCampaigns);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCampaigns(actor, { limit: 2, cursor });
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
    const drafts = await listCampaigns(actor, { limit: 500, status: "draft" });
    expect(drafts.items.every((c) => c.status === "draft" && c.populationSize === null)).toBe(true);
  });
});

describe("[CAMPAIGNS] progress, remind and reassign", () => {
  it("progress per stage and reviewer, and a burndown from launch to the due date", async () => {
    const actor = await admin();
    const { bo, grants } = await ownedGrants(3);
    const { campaign } = await launched(actor, bo.id);
    await decide((await itemFor(campaign.id, grants[0]!.id, "business_owner"))!.id, userActor(bo), "certify");
    const detail = await getCampaign(actor, campaign.id);
    // A stage-1 certify does not resolve the entitlement (stage 2 is open): nothing burned down yet.
    expect(detail.burndown[0]!.remaining).toBe(3);
    expect(detail.stages).toEqual([
      { stage: "business_owner", pending: 2, decided: 1, closed: 0, revokes: 0, overdue: 0 },
      { stage: "identity_owner", pending: 1, decided: 0, closed: 0, revokes: 0, overdue: 0 },
    ]);
    expect(detail.reviewers.find((r) => r.reviewerId === bo.id)).toMatchObject({ pending: 2, decided: 1 });
    expect(detail.burndown).toHaveLength(15);
    expect(detail.burndown.at(-1)).toMatchObject({ remaining: null, ideal: 0 });
    // A revoke at stage 1 resolves its entitlement today.
    await decide((await itemFor(campaign.id, grants[1]!.id, "business_owner"))!.id, userActor(bo), "revoke", "unused");
    expect((await getCampaign(actor, campaign.id)).burndown[0]).toMatchObject({ remaining: 2, ideal: 3 });
  });

  it("remind sends one notification per reviewer with pending items", async () => {
    const actor = await admin();
    const { bo } = await ownedGrants(3);
    const { campaign } = await launched(actor, bo.id);
    const result = await remindCampaign(actor, campaign.id);
    expect(result).toEqual({ id: campaign.id, reviewersNotified: 1, pendingItems: 3 });
    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, bo.id), eq(notifications.kind, "campaign.reminder")));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toContain("3 reviews");
  });

  it("reassign moves a pending item to an eligible user with a reason, audited and notified; SoD and role are enforced", async () => {
    const actor = await admin();
    const { bo, grants } = await ownedGrants(1);
    const { campaign } = await launched(actor, bo.id);
    const item = (await itemFor(campaign.id, grants[0]!.id, "business_owner"))!;
    const requester = grants[0]!.requestedById!;
    await db.execute(sql`update users set roles = '{business_owner,identity_owner}' where id = ${requester}`);
    const err = await rejection(reassignItem(actor, campaign.id, item.id, { reviewerId: requester, reason: "cover" }));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/separation of duties/);
    const auditor = await createUser(db, { roles: ["auditor"] });
    expect((await rejection(reassignItem(actor, campaign.id, item.id, { reviewerId: auditor.id, reason: "cover" }))).status).toBe(422);

    const other = await createUser(db, { roles: ["business_owner"] });
    const moved = await reassignItem(actor, campaign.id, item.id, { reviewerId: other.id, reason: "bo on leave" });
    expect(moved).toMatchObject({ reviewerId: other.id, delegatedFromId: bo.id, delegationReason: "bo on leave" });
    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "campaign.item_reassigned"), eq(auditEvents.targetId, item.id)));
    expect(audit).toMatchObject({ reason: "bo on leave", before: { reviewerId: bo.id } });
    expect(await db.select().from(notifications).where(and(eq(notifications.userId, other.id), eq(notifications.kind, "campaign.item_assigned")))).toHaveLength(1);
    // A decided item cannot be reassigned.
    await decide(item.id, userActor(other), "certify");
    expect((await rejection(reassignItem(actor, campaign.id, item.id, { reviewerId: bo.id, reason: "back" }))).status).toBe(409);
  });
});
