import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { createUser } from "@/db/seed/factories";
import { userActor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { updateUser } from "@/lib/domain/users/users";
import { QUEUES } from "@/lib/jobs/queues";
import { changesPosture } from "./request-posture-refresh";

const queued = async (queue: string) =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${queue}`))[0]!.n;

describe("[FINDINGS] changes to the inventory ask for derived state to be refreshed", () => {
  it("classifies audit actions: inventory changes yes, runtime mints and the refresh's own events no", () => {
    for (const action of ["workflow.retired", "identity.updated", "entitlement.revoked", "user.updated", "inventory.imported", "review.decided"]) {
      expect(changesPosture(action)).toBe(true);
    }
    for (const action of ["credential.jit_minted", "findings.refreshed", "finding.risk_accepted", "reviews.swept", "api_key.created", "policy.created"]) {
      expect(changesPosture(action)).toBe(false);
    }
  });

  it("deactivating a user queues a findings refresh and a guardrail refresh with the change", async () => {
    const admin = await createUser(db, { roles: ["admin"] });
    const owner = await createUser(db, { roles: ["identity_owner"] });
    await updateUser(userActor(admin), owner.id, { active: false });
    expect(await queued(QUEUES.refreshFindings)).toBe(1);
    expect(await queued(QUEUES.refreshGuardrails)).toBe(1);
  });

  it("a rolled-back change queues nothing", async () => {
    const admin = await createUser(db, { roles: ["admin"] });
    await db.transaction((tx) => recordAuditEvent(tx, userActor(admin), { action: "user.updated", targetType: "user" }));
    const before = await queued(QUEUES.refreshFindings); // the debounced slot is taken: a rollback must not add the next one
    await expect(
      db.transaction(async (tx) => {
        await recordAuditEvent(tx, userActor(admin), { action: "workflow.updated", targetType: "workflow" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await queued(QUEUES.refreshFindings)).toBe(before);
  });
});
