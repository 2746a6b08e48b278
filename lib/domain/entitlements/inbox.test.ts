import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createDataSet, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import type { Role } from "@/lib/auth/permissions";
import { type Actor, userActor } from "@/lib/domain/actor";
import { listEntitlementsQuery, requestEntitlementInput } from "@/lib/validation/entitlements";
import { approveEntitlement, denyEntitlement } from "./decide-entitlement";
import { listEntitlements } from "./list-entitlements";
import { requestEntitlement } from "./request-entitlement";

const person = async (roles: Role[]) => userActor(await createUser(db, { roles }));

/**
 * W1: business owner bo1 (delegate dg1); W2: business owner bo2, who is also an identity owner.
 * Identity owners io1, io2 and requester rq (an identity owner too).
 * e1 on W1 by rq, e2 on W1 by io1, e3 on W2 by rq.
 */
async function world() {
  const [bo1, dg1, bo2, io1, io2, rq, auditor] = [
    await person(["business_owner"]), await person(["business_owner"]), await person(["business_owner", "identity_owner"]),
    await person(["identity_owner"]), await person(["identity_owner"]), await person(["identity_owner"]), await person(["auditor"]),
  ];
  const dataSet = await createDataSet(db);
  const approved = [{ dataSetId: dataSet.id, actions: ["read" as const], justification: "Reads records" }];
  const w1 = await createWorkflow(db, { businessOwnerId: bo1.userId, identityOwnerId: io1.userId, escalationPath: [dg1.userId!], dataSets: approved });
  const w2 = await createWorkflow(db, { businessOwnerId: bo2.userId, identityOwnerId: io1.userId, dataSets: approved });
  const ask = async (actor: Actor, workflowId: string) =>
    requestEntitlement(
      actor,
      requestEntitlementInput.parse({ workflowId, identityId: (await createNhi(db)).id, dataSetId: dataSet.id, actions: ["read"], justification: "Summarises records weekly" }),
    );
  const e1 = await ask(rq, w1.id);
  const e2 = await ask(io1, w1.id);
  const e3 = await ask(rq, w2.id);
  scope = new Set([e1.id, e2.id, e3.id]);
  return { bo1, dg1, bo2, io1, io2, rq, auditor, w1, w2, e1, e2, e3 };
}

/** The requests of the current test's world (identity owners also see other tests' pending rows). */
let scope = new Set<string>();
async function list(actor: Actor, inbox: "mine" | "requested") {
  const page = await listEntitlements(actor, listEntitlementsQuery.parse({ inbox, limit: 500 }));
  expect(page.nextCursor).toBeNull();
  return page.items.filter((i) => scope.has(i.id));
}
const ids = async (actor: Actor, inbox: "mine" | "requested") => (await list(actor, inbox)).map((i) => i.id).sort();
const sorted = (...values: string[]) => [...values].sort();
const sides = async (actor: Actor, id: string) => (await list(actor, "mine")).find((i) => i.id === id)?.waitingFor;

describe("[ENTITLEMENTS] requests inbox", () => {
  it("inbox=mine shows pending requests waiting for a side the caller may sign, never their own", async () => {
    const s = await world();
    expect(await ids(s.bo1, "mine")).toEqual(sorted(s.e1.id, s.e2.id));
    expect(await ids(s.io2, "mine")).toEqual(sorted(s.e1.id, s.e2.id, s.e3.id));
    expect(await ids(s.io1, "mine")).toEqual(sorted(s.e1.id, s.e3.id));
    expect(await ids(s.rq, "mine")).toEqual([s.e2.id]);
    expect(await ids(s.bo2, "mine")).toEqual(sorted(s.e1.id, s.e2.id, s.e3.id));
    expect(await ids(s.auditor, "mine")).toEqual([]);
  });

  it("a business owner of another workflow sees nothing of W1 waiting for them", async () => {
    await world();
    const stranger = await person(["business_owner"]);
    await createWorkflow(db, { businessOwnerId: stranger.userId });
    expect(await ids(stranger, "mine")).toEqual([]);
  });

  it("waitingFor names the sides the caller can still sign", async () => {
    const s = await world();
    expect(await sides(s.bo1, s.e1.id)).toEqual(["business"]);
    expect(await sides(s.io2, s.e1.id)).toEqual(["identity"]);
    expect(await sides(s.bo2, s.e3.id)).toEqual(["business", "identity"]);
    expect(await sides(s.bo2, s.e1.id)).toEqual(["identity"]);
  });

  it("an escalation delegate sees the business side waiting for them, with its button", async () => {
    const s = await world();
    expect(await ids(s.dg1, "mine")).toEqual(sorted(s.e1.id, s.e2.id));
    expect(await sides(s.dg1, s.e1.id)).toEqual(["business"]);
  });

  it("a signed side leaves the inbox of everyone who could only sign that side; activation empties it", async () => {
    const s = await world();
    await approveEntitlement(s.io2, s.e1.id, "identity");
    expect(await ids(s.io1, "mine")).toEqual([s.e3.id]);
    expect(await ids(s.io2, "mine")).toEqual(sorted(s.e2.id, s.e3.id));
    expect(await ids(s.bo1, "mine")).toEqual(sorted(s.e1.id, s.e2.id));
    expect(await sides(s.bo1, s.e1.id)).toEqual(["business"]);

    await approveEntitlement(s.bo1, s.e1.id, "business");
    for (const actor of [s.bo1, s.dg1, s.io1, s.io2, s.bo2]) expect(await ids(actor, "mine")).not.toContain(s.e1.id);
  });

  it("someone who signed one side does not see the other side as waiting for them (they may not sign both)", async () => {
    const s = await world();
    await approveEntitlement(s.bo2, s.e3.id, "business");
    expect(await ids(s.bo2, "mine")).not.toContain(s.e3.id);
    expect(await ids(s.io1, "mine")).toContain(s.e3.id);

    await approveEntitlement(s.bo2, s.e1.id, "identity");
    expect(await ids(s.bo1, "mine")).toContain(s.e1.id);
    expect(await ids(s.bo2, "mine")).not.toContain(s.e1.id);
  });

  it("denied requests leave every inbox=mine", async () => {
    const s = await world();
    await denyEntitlement(s.bo1, s.e2.id, "business", "Not needed");
    for (const actor of [s.bo1, s.dg1, s.io2, s.rq, s.bo2]) expect(await ids(actor, "mine")).not.toContain(s.e2.id);
  });

  it("inbox=requested shows the caller's own requests, whatever their status", async () => {
    const s = await world();
    expect(await ids(s.rq, "requested")).toEqual(sorted(s.e1.id, s.e3.id));
    expect(await ids(s.io1, "requested")).toEqual([s.e2.id]);
    expect(await ids(s.bo1, "requested")).toEqual([]);
    await denyEntitlement(s.bo1, s.e1.id, "business", "Not needed");
    const mine = await list(s.rq, "requested");
    expect(mine.map((i) => [i.id, i.status]).sort()).toEqual(sorted(s.e1.id, s.e3.id).map((id) => [id, id === s.e1.id ? "denied" : "pending"]));
    expect(mine.every((i) => i.waitingFor.length === 0)).toBe(true);
  });
});
