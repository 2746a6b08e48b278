import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as dataSetRoute from "@/app/api/v1/data-sets/[id]/route";
import * as dataSetsRoute from "@/app/api/v1/data-sets/route";
import { db } from "@/db";
import { createDataSet, createUser } from "@/db/seed/factories";
import { auditEvents, dataSets } from "@/db/schema";
import { call, userWithKey } from "../helpers";

const MISSING = "00000000-0000-4000-8000-000000000000";
const counts = async () => ({
  dataSets: (await db.select({ n: sql<number>`count(*)::int` }).from(dataSets))[0]!.n,
  audit: (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n,
});
const paths = (body: Record<string, any> | null) => ((body?.errors ?? []) as { path: string }[]).map((e) => e.path);
const stored = async (id: string) => (await db.select().from(dataSets).where(eq(dataSets.id, id)))[0];

const create = (apiKey: string, body: unknown) => call(dataSetsRoute.POST, { method: "POST", path: "/api/v1/data-sets", apiKey, body });
const patch = (apiKey: string, id: string, body: unknown) =>
  call(dataSetRoute.PATCH, { method: "PATCH", path: `/api/v1/data-sets/${id}`, apiKey, params: { id }, body });

describe("[DATA SETS] API", () => {
  it("an identity owner registers a data set, audited", async () => {
    const { key, user } = await userWithKey(["identity_owner"]);
    const owner = await createUser(db, { roles: ["business_owner"] });
    const res = await create(key, { name: "Support tickets", system: "Zendesk", sensitivity: "confidential", environment: "prod", ownerId: owner.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Support tickets", system: "Zendesk", sensitivity: "confidential", environment: "prod", ownerId: owner.id, description: "" });
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, res.body!.id));
    expect(events.map((e) => [e.action, e.actorId])).toEqual([["data_set.created", user.id]]);

    const got = await call(dataSetRoute.GET, { apiKey: key, params: { id: res.body!.id } });
    expect([got.status, got.body!.name]).toEqual([200, "Support tickets"]);
  });

  it("refuses business owners and auditors (403), writing nothing", async () => {
    const callers = [await userWithKey(["business_owner"]), await userWithKey(["auditor"])];
    const before = await counts();
    for (const { key, user } of callers) {
      const res = await create(key, { name: `By ${user.id}`, system: "S3", sensitivity: "internal", environment: "dev" });
      expect(res.status).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });

  it("answers 422 naming each bad field, and writes nothing", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const before = await counts();
    const res = await create(key, { name: " ", system: "", sensitivity: "secret", environment: "qa", ownerId: "nope", colour: "red" });
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(expect.arrayContaining(["name", "system", "sensitivity", "environment", "ownerId"]));
    expect((res.body!.errors as { message: string }[]).some((e) => /colour/.test(e.message))).toBe(true);
    const deactivated = await createUser(db, { active: false });
    const owner = await create(key, { name: "Orphaned", system: "S3", sensitivity: "internal", environment: "dev", ownerId: deactivated.id });
    expect([owner.status, paths(owner.body)]).toEqual([422, ["ownerId"]]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a duplicate name (any case) with 409 naming name", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const [existing, other] = [await createDataSet(db), await createDataSet(db)];
    const before = await counts();
    const res = await create(key, { name: existing.name.toUpperCase(), system: "S3", sensitivity: "internal", environment: "dev" });
    expect([res.status, paths(res.body)]).toEqual([409, ["name"]]);
    const rename = await patch(key, other.id, { name: existing.name });
    expect([rename.status, paths(rename.body)]).toEqual([409, ["name"]]);
    expect(await counts()).toEqual(before);
  });

  it("an identity owner edits a data set, audited with before and after", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const dataSet = await createDataSet(db, { sensitivity: "internal" });
    const res = await patch(key, dataSet.id, { sensitivity: "restricted", reason: "contains PII" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: dataSet.id, sensitivity: "restricted", name: dataSet.name });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, dataSet.id));
    expect(event).toMatchObject({ action: "data_set.updated", reason: "contains PII", before: { sensitivity: "internal" }, after: { sensitivity: "restricted" } });
  });

  it("refuses edits by a business owner (403) and bad edits (422), changing nothing", async () => {
    const bo = await userWithKey(["business_owner"]);
    const io = await userWithKey(["identity_owner"]);
    const dataSet = await createDataSet(db);
    const [row, before] = [await stored(dataSet.id), await counts()];
    expect((await patch(bo.key, dataSet.id, { sensitivity: "public" })).status).toBe(403);
    const bad = await patch(io.key, dataSet.id, { sensitivity: "public-ish", name: "x", id: MISSING });
    expect(bad.status).toBe(422);
    expect(paths(bad.body)).toEqual(expect.arrayContaining(["sensitivity", "name"]));
    expect(await stored(dataSet.id)).toEqual(row);
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    expect((await call(dataSetRoute.GET, { apiKey: key, params: { id: MISSING } })).status).toBe(404);
    expect((await call(dataSetRoute.GET, { apiKey: key, params: { id: "x" } })).status).toBe(404);
    expect((await patch(key, MISSING, { system: "S3" })).status).toBe(404);
  });
});
