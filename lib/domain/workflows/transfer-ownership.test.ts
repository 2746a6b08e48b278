import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createUser, createWorkflow } from "@/db/seed/factories";
import { auditEvents, notifications, users, workflows } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { transferWorkflowOwnership } from "./transfer-ownership";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function world() {
  const businessOwner = await createUser(db, { roles: ["business_owner"] });
  const identityOwner = await createUser(db, { roles: ["identity_owner"] });
  const nextBusinessOwner = await createUser(db, { roles: ["business_owner"] });
  const nextIdentityOwner = await createUser(db, { roles: ["identity_owner"] });
  const w = await createWorkflow(db, { businessOwnerId: businessOwner.id, identityOwnerId: identityOwner.id });
  return { w, businessOwner, identityOwner, nextBusinessOwner, nextIdentityOwner, bo: userActor(businessOwner), io: userActor(identityOwner) };
}

const stored = async (id: string) => (await db.select().from(workflows).where(eq(workflows.id, id)))[0]!;
const audit = (id: string) => db.select().from(auditEvents).where(eq(auditEvents.targetId, id));

describe("[WORKFLOWS] transfer of ownership", () => {
  it("the business owner hands the business side over, audited, both people told", async () => {
    const s = await world();
    const after = await transferWorkflowOwnership(s.bo, s.w.id, { side: "business", toUserId: s.nextBusinessOwner.id, reason: "Moving to another team" });
    expect(after.businessOwnerId).toBe(s.nextBusinessOwner.id);
    const log = await audit(s.w.id);
    expect(log.map((e) => [e.action, e.actorId, e.before, e.after, e.reason])).toEqual([
      ["workflow.ownership_transferred", s.businessOwner.id, { side: "business", ownerId: s.businessOwner.id }, { side: "business", ownerId: s.nextBusinessOwner.id }, "Moving to another team"],
    ]);
    for (const user of [s.businessOwner, s.nextBusinessOwner]) {
      expect(await db.select().from(notifications).where(and(eq(notifications.userId, user.id), eq(notifications.kind, "workflow.ownership_transferred")))).toHaveLength(1);
    }
    // The former owner is no longer accountable: they can no longer move it.
    expect((await failure(transferWorkflowOwnership(s.bo, s.w.id, { side: "business", toUserId: s.businessOwner.id, reason: "Taking it back" }))).status).toBe(403);
  });

  it("the identity side moves by an identity owner or the business owner", async () => {
    const s = await world();
    await transferWorkflowOwnership(s.bo, s.w.id, { side: "identity", toUserId: s.nextIdentityOwner.id, reason: "Platform team takes over" });
    expect((await stored(s.w.id)).identityOwnerId).toBe(s.nextIdentityOwner.id);
    const anyIdentityOwner = userActor(await createUser(db, { roles: ["identity_owner"] }));
    await transferWorkflowOwnership(anyIdentityOwner, s.w.id, { side: "identity", toUserId: s.identityOwner.id, reason: "Back to the original team" });
    expect((await stored(s.w.id)).identityOwnerId).toBe(s.identityOwner.id);
  });

  it("refuses strangers, auditors, wrong roles and inactive people, writing nothing", async () => {
    const s = await world();
    const stranger = userActor(await createUser(db, { roles: ["business_owner"] }));
    const auditor = userActor(await createUser(db, { roles: ["auditor"] }));
    const inactive = await createUser(db, { roles: ["business_owner"], active: false });
    const before = await stored(s.w.id);
    for (const actor of [stranger, auditor]) {
      for (const side of ["business", "identity"] as const) {
        const to = side === "business" ? s.nextBusinessOwner.id : s.nextIdentityOwner.id;
        expect((await failure(transferWorkflowOwnership(actor, s.w.id, { side, toUserId: to, reason: "Taking over" }))).status).toBe(403);
      }
    }
    const wrongRole = await failure(transferWorkflowOwnership(s.bo, s.w.id, { side: "business", toUserId: s.nextIdentityOwner.id, reason: "Hand over" }));
    expect([wrongRole.status, wrongRole.fieldErrors.map((e) => e.path)]).toEqual([422, ["toUserId"]]);
    const deactivated = await failure(transferWorkflowOwnership(s.bo, s.w.id, { side: "business", toUserId: inactive.id, reason: "Hand over" }));
    expect([deactivated.status, deactivated.fieldErrors.map((e) => e.path)]).toEqual([422, ["toUserId"]]);
    expect(await stored(s.w.id)).toEqual(before);
    expect(await audit(s.w.id)).toEqual([]);
  });

  it("an identity owner cannot take the business side away from an active business owner", async () => {
    const s = await world();
    const before = await stored(s.w.id);
    const error = await failure(transferWorkflowOwnership(s.io, s.w.id, { side: "business", toUserId: s.nextBusinessOwner.id, reason: "Reassigning" }));
    expect(error.status).toBe(403);
    expect(await stored(s.w.id)).toEqual(before);
    expect(await audit(s.w.id)).toEqual([]);
  });

  it("an identity owner may re-home the business side of an ownerless workflow", async () => {
    const s = await world();
    await db.update(users).set({ active: false }).where(eq(users.id, s.businessOwner.id));
    await transferWorkflowOwnership(s.io, s.w.id, { side: "business", toUserId: s.nextBusinessOwner.id, reason: "Owner left the company" });
    expect((await stored(s.w.id)).businessOwnerId).toBe(s.nextBusinessOwner.id);

    const orphan = await createWorkflow(db, { businessOwnerId: null, identityOwnerId: s.identityOwner.id });
    await transferWorkflowOwnership(s.io, orphan.id, { side: "business", toUserId: s.nextBusinessOwner.id, reason: "Nobody owned it" });
    expect((await stored(orphan.id)).businessOwnerId).toBe(s.nextBusinessOwner.id);
  });

  it("a transfer to the current owner is a no-op; a retired workflow cannot be transferred (409)", async () => {
    const s = await world();
    await transferWorkflowOwnership(s.bo, s.w.id, { side: "business", toUserId: s.businessOwner.id, reason: "No change" });
    expect(await audit(s.w.id)).toEqual([]);
    await db.update(workflows).set({ status: "retired" }).where(eq(workflows.id, s.w.id));
    expect((await failure(transferWorkflowOwnership(s.bo, s.w.id, { side: "identity", toUserId: s.nextIdentityOwner.id, reason: "Too late" }))).status).toBe(409);
  });
});
