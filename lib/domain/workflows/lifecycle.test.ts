import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createDataSet, createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, users, workflows } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { activateWorkflow, retireWorkflow, suspendWorkflow } from "./lifecycle";
import { updateWorkflow } from "./update-workflow";

const PURPOSE = "Summarises inbound support tickets so a human agent can triage them faster each morning.";

/** The rejection of a promise, asserted to be an AppError. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function people() {
  const businessOwner = await createUser(db, { roles: ["business_owner"] });
  const identityOwner = await createUser(db, { roles: ["identity_owner"] });
  return { businessOwner, identityOwner, bo: userActor(businessOwner), io: userActor(identityOwner) };
}

/** A complete draft: both owners active, a substantive purpose, one approved data set. */
async function draft(overrides: Parameters<typeof createWorkflow>[1] = {}) {
  const p = await people();
  const dataSet = await createDataSet(db);
  const workflow = await createWorkflow(db, {
    status: "draft",
    purpose: PURPOSE,
    businessOwnerId: p.businessOwner.id,
    identityOwnerId: p.identityOwner.id,
    dataSets: [{ dataSetId: dataSet.id, actions: ["read"], justification: "Reads tickets to summarise them." }],
    ...overrides,
  });
  return { ...p, workflow, dataSet };
}

const row = async (id: string) => (await db.select().from(workflows).where(eq(workflows.id, id)))[0]!;
const events = (id: string) =>
  db.select().from(auditEvents).where(and(eq(auditEvents.targetType, "workflow"), eq(auditEvents.targetId, id))).orderBy(asc(auditEvents.seq));

describe("[WORKFLOWS] lifecycle", () => {
  it("activates a complete draft with exactly one audit event recording before/after status", async () => {
    const { workflow, bo, businessOwner } = await draft();
    const after = await activateWorkflow(bo, workflow.id, "ready to go");
    expect(after.status).toBe("active");
    expect(after.activatedAt).toBeInstanceOf(Date);
    expect((await row(workflow.id)).status).toBe("active");
    const log = await events(workflow.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: "workflow.activated",
      actorId: businessOwner.id,
      reason: "ready to go",
      before: { status: "draft" },
      after: { status: "active" },
    });
  });

  const missing: [string, (ids: { bo: string; io: string }) => Promise<Parameters<typeof createWorkflow>[1]>, string][] = [
    ["no business owner", async () => ({ businessOwnerId: null }), "businessOwnerId"],
    ["a deactivated business owner", async ({ bo }) => (await db.update(users).set({ active: false }).where(eq(users.id, bo)), {}), "businessOwnerId"],
    ["no identity owner", async () => ({ identityOwnerId: null }), "identityOwnerId"],
    ["a deactivated identity owner", async ({ io }) => (await db.update(users).set({ active: false }).where(eq(users.id, io)), {}), "identityOwnerId"],
    ["a one-line purpose", async () => ({ purpose: "Summarises tickets." }), "purpose"],
    ["a purpose padded with whitespace", async () => ({ purpose: `   Summarises tickets.${" ".repeat(60)}` }), "purpose"],
    ["no approved data set", async () => ({ dataSets: [] }), "dataSets"],
  ];

  it.each(missing)("refuses to activate with %s: 409 naming the field, nothing written", async (_, setup, path) => {
    const p = await people();
    const dataSet = await createDataSet(db);
    const overrides = await setup({ bo: p.businessOwner.id, io: p.identityOwner.id });
    const workflow = await createWorkflow(db, {
      status: "draft",
      purpose: PURPOSE,
      businessOwnerId: p.businessOwner.id,
      identityOwnerId: p.identityOwner.id,
      dataSets: [{ dataSetId: dataSet.id, actions: ["read"], justification: "Reads tickets to summarise them." }],
      ...overrides,
    });
    // An identity owner who is not named on the workflow may run its lifecycle too.
    const runner = userActor(await createUser(db, { roles: ["identity_owner"] }));
    const error = await failure(activateWorkflow(runner, workflow.id));
    expect(error.code).toBe("conflict");
    expect(error.status).toBe(409);
    expect(error.fieldErrors.map((f) => f.path)).toEqual([path]);
    const unchanged = await row(workflow.id);
    expect(unchanged.status).toBe("draft");
    expect(unchanged.activatedAt).toBeNull();
    expect(await events(workflow.id)).toHaveLength(0);
  });

  it("names every missing piece at once", async () => {
    const workflow = await createWorkflow(db, { status: "draft", businessOwnerId: null, identityOwnerId: null, purpose: "tbd" });
    const io = userActor(await createUser(db, { roles: ["identity_owner"] }));
    const error = await failure(activateWorkflow(io, workflow.id));
    expect(error.status).toBe(409);
    expect(error.fieldErrors.map((f) => f.path).sort()).toEqual(["businessOwnerId", "dataSets", "identityOwnerId", "purpose"]);
    expect((await row(workflow.id)).status).toBe("draft");
  });

  it("treats a second activation as a no-op (no new audit event, activation time kept)", async () => {
    const { workflow, bo } = await draft();
    const first = await activateWorkflow(bo, workflow.id);
    const second = await activateWorkflow(bo, workflow.id);
    expect(second.status).toBe("active");
    expect(second.activatedAt).toEqual(first.activatedAt);
    expect(second.updatedAt).toEqual(first.updatedAt);
    expect(await events(workflow.id)).toHaveLength(1);
  });

  it("suspends only from active; a suspended workflow can be re-activated", async () => {
    const { workflow, bo } = await draft();
    const fromDraft = await failure(suspendWorkflow(bo, workflow.id));
    expect(fromDraft.status).toBe(409);
    expect((await row(workflow.id)).status).toBe("draft");
    expect(await events(workflow.id)).toHaveLength(0);

    const activated = await activateWorkflow(bo, workflow.id);
    expect((await suspendWorkflow(bo, workflow.id, "incident")).status).toBe("suspended");
    expect((await suspendWorkflow(bo, workflow.id)).status).toBe("suspended"); // no-op
    expect(await events(workflow.id)).toHaveLength(2);

    const again = await activateWorkflow(bo, workflow.id);
    expect(again.status).toBe("active");
    expect(again.activatedAt).toEqual(activated.activatedAt);
    expect((await events(workflow.id)).map((e) => [e.action, e.before, e.after])).toEqual([
      ["workflow.activated", { status: "draft" }, { status: "active" }],
      ["workflow.suspended", { status: "active" }, { status: "suspended" }],
      ["workflow.activated", { status: "suspended" }, { status: "active" }],
    ]);
  });

  it("a suspended workflow still needs its owners to come back", async () => {
    const { workflow, bo, businessOwner } = await draft();
    await activateWorkflow(bo, workflow.id);
    await suspendWorkflow(bo, workflow.id);
    await db.update(users).set({ active: false }).where(eq(users.id, businessOwner.id));
    const io = userActor(await createUser(db, { roles: ["identity_owner"] }));
    const error = await failure(activateWorkflow(io, workflow.id));
    expect(error.status).toBe(409);
    expect(error.fieldErrors.map((f) => f.path)).toEqual(["businessOwnerId"]);
    expect((await row(workflow.id)).status).toBe("suspended");
  });

  it("a retired workflow cannot be activated, suspended or edited (409), and nothing is written", async () => {
    const { workflow, bo, io } = await draft();
    await activateWorkflow(bo, workflow.id);
    await retireWorkflow(bo, workflow.id, { reason: "done" });
    const before = await row(workflow.id);
    const auditBefore = (await events(workflow.id)).length;

    for (const attempt of [
      () => activateWorkflow(bo, workflow.id),
      () => activateWorkflow(io, workflow.id),
      () => suspendWorkflow(bo, workflow.id),
      () => updateWorkflow(bo, workflow.id, { purpose: `${PURPOSE} Now also drafts replies.` }),
      () => updateWorkflow(io, workflow.id, { reviewCadenceDays: 30 }),
    ]) {
      const error = await failure(attempt());
      expect(error.code).toBe("conflict");
    }
    expect(await row(workflow.id)).toEqual(before);
    expect(await events(workflow.id)).toHaveLength(auditBefore);
    // Retiring again is a no-op, not an error.
    const again = await retireWorkflow(bo, workflow.id);
    expect(again.workflow.status).toBe("retired");
    expect(await events(workflow.id)).toHaveLength(auditBefore);
  });

  it("a business owner who does not own the workflow cannot activate, suspend or retire it (403)", async () => {
    const { workflow } = await draft();
    const stranger = userActor(await createUser(db, { roles: ["business_owner"] }));
    const auditor = userActor(await createUser(db, { roles: ["auditor"] }));
    for (const actor of [stranger, auditor]) {
      expect((await failure(activateWorkflow(actor, workflow.id))).status).toBe(403);
    }
    await db.update(workflows).set({ status: "active" }).where(eq(workflows.id, workflow.id));
    for (const actor of [stranger, auditor]) {
      expect((await failure(suspendWorkflow(actor, workflow.id))).status).toBe(403);
      expect((await failure(retireWorkflow(actor, workflow.id))).status).toBe(403);
      expect((await failure(retireWorkflow(actor, workflow.id, { dryRun: true }))).status).toBe(403);
    }
    expect((await row(workflow.id)).status).toBe("active");
    expect(await events(workflow.id)).toHaveLength(0);
  });

  it("any identity owner can run the lifecycle, one audit event per transition", async () => {
    const { workflow } = await draft();
    const someIdentityOwner = await createUser(db, { roles: ["identity_owner"] });
    const io = userActor(someIdentityOwner);
    await activateWorkflow(io, workflow.id);
    await suspendWorkflow(io, workflow.id);
    await activateWorkflow(io, workflow.id);
    const retired = await retireWorkflow(io, workflow.id, { reason: "decommissioned" });
    expect(retired.workflow.status).toBe("retired");
    expect(retired.workflow.retiredAt).toBeInstanceOf(Date);
    const log = await events(workflow.id);
    expect(log.map((e) => [e.action, e.actorId, e.before?.status, e.after?.status])).toEqual([
      ["workflow.activated", someIdentityOwner.id, "draft", "active"],
      ["workflow.suspended", someIdentityOwner.id, "active", "suspended"],
      ["workflow.activated", someIdentityOwner.id, "suspended", "active"],
      ["workflow.retired", someIdentityOwner.id, "active", "retired"],
    ]);
    expect(log[3]!.reason).toBe("decommissioned");
    const [all] = await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.targetId, workflow.id));
    expect(all!.n).toBe(4);
  });

  it("answers 404 for an unknown workflow", async () => {
    const { bo } = await people();
    const missingId = "00000000-0000-4000-8000-000000000000";
    expect((await failure(activateWorkflow(bo, missingId))).status).toBe(404);
    expect((await failure(suspendWorkflow(bo, missingId))).status).toBe(404);
    expect((await failure(retireWorkflow(bo, missingId))).status).toBe(404);
  });
});
