import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { db } from "@/db";
import { auditEvents, users } from "@/db/schema";
import { openSession, resolveSession } from "@/lib/domain/sessions/sessions";
import { authenticateApiKey } from "@/lib/domain/api-keys/api-keys";
import { call, userWithKey } from "../helpers";

const count = async (table: typeof users | typeof auditEvents) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

describe("[USERS] API", () => {
  it("answers 401 without credentials and with an unknown key", async () => {
    expect((await call(usersRoute.GET, { path: "/api/v1/users" })).status).toBe(401);
    const bad = await call(usersRoute.GET, { path: "/api/v1/users", apiKey: "cs_not-a-real-key" });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 403 when the role lacks the permission, and writes nothing", async () => {
    const { key } = await userWithKey(["auditor"]);
    const before = await count(users);
    const res = await call(usersRoute.POST, {
      method: "POST",
      path: "/api/v1/users",
      apiKey: key,
      body: { email: "x@example.com", name: "X", roles: ["admin"] },
    });
    expect(res.status).toBe(403);
    expect(await count(users)).toBe(before);
  });

  it("answers 403 when the key lacks the scope even though the user has the role", async () => {
    const { key } = await userWithKey(["admin"], ["read"]);
    const res = await call(usersRoute.POST, { method: "POST", path: "/api/v1/users", apiKey: key, body: { email: "y@example.com", name: "Y", roles: ["auditor"] } });
    expect(res.status).toBe(403);
  });

  it("answers 422 naming every bad field, and writes nothing", async () => {
    const { key } = await userWithKey(["admin"]);
    const [usersBefore, auditBefore] = [await count(users), await count(auditEvents)];
    const res = await call(usersRoute.POST, {
      method: "POST",
      path: "/api/v1/users",
      apiKey: key,
      body: { email: "not-an-email", name: "   ", roles: ["wizard"], extra: true },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const paths = (res.body!.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(["email", "name", "roles.0"]));
    expect(paths.some((p) => p === "(body)" || p === "extra")).toBe(true);
    expect([await count(users), await count(auditEvents)]).toEqual([usersBefore, auditBefore]);
  });

  it("answers 400 for malformed JSON", async () => {
    const { key } = await userWithKey(["admin"]);
    const res = await call(usersRoute.POST, { method: "POST", path: "/api/v1/users", apiKey: key, rawBody: "{nope" });
    expect(res.status).toBe(400);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    const { key } = await userWithKey(["auditor"]);
    expect((await call(userRoute.GET, { apiKey: key, params: { id: "00000000-0000-4000-8000-000000000000" } })).status).toBe(404);
    expect((await call(userRoute.GET, { apiKey: key, params: { id: "../etc" } })).status).toBe(404);
  });

  it("creates a user with an audit event, refuses a duplicate e-mail with 409", async () => {
    const { key } = await userWithKey(["admin"]);
    const body = { email: "New.Person@Example.com", name: "New Person", roles: ["business_owner"] };
    const created = await call(usersRoute.POST, { method: "POST", path: "/api/v1/users", apiKey: key, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: "new.person@example.com", roles: ["business_owner"], active: true });
    const [event] = await db.select().from(auditEvents).where(sql`${auditEvents.targetId} = ${created.body!.id}`);
    expect(event).toMatchObject({ action: "user.created", actorType: "api_key" });
    const again = await call(usersRoute.POST, { method: "POST", path: "/api/v1/users", apiKey: key, body });
    expect(again.status).toBe(409);
    expect(again.body!.errors).toEqual([{ path: "email", message: "is already in use" }]);
  });

  it("replays a repeated Idempotency-Key instead of writing twice", async () => {
    const { key } = await userWithKey(["admin"]);
    const body = { email: "idem@example.com", name: "Idem", roles: ["auditor"] };
    const headers = { "idempotency-key": "abc-123" };
    const first = await call(usersRoute.POST, { method: "POST", path: "/api/v1/users", apiKey: key, body, headers });
    const second = await call(usersRoute.POST, { method: "POST", path: "/api/v1/users", apiKey: key, body, headers });
    expect(second.status).toBe(201);
    expect(second.body!.id).toBe(first.body!.id);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
  });

  it("deactivation ends the user's sessions and disables their API keys at once", async () => {
    const admin = await userWithKey(["admin"]);
    const target = await userWithKey(["identity_owner"]);
    const sid = await openSession(target.user.id);
    expect(await resolveSession(sid)).not.toBeNull();
    expect(await authenticateApiKey(target.key)).not.toBeNull();
    const res = await call(userRoute.PATCH, {
      method: "PATCH",
      apiKey: admin.key,
      params: { id: target.user.id },
      body: { active: false, reason: "left the company" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false });
    expect(await resolveSession(sid)).toBeNull();
    expect(await authenticateApiKey(target.key)).toBeNull();
  });

  it("refuses to remove the last active admin", async () => {
    const admin = await userWithKey(["admin"]);
    await db.execute(sql`update users set active = false where id <> ${admin.user.id} and 'admin' = any(roles)`);
    const other = await userWithKey(["admin"]);
    await db.execute(sql`update users set active = false where id = ${other.user.id}`);
    const res = await call(userRoute.PATCH, { method: "PATCH", apiKey: admin.key, params: { id: admin.user.id }, body: { roles: ["auditor"] } });
    expect(res.status).toBe(409);
  });
});
