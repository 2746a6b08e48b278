import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as apiKeysRoute from "@/app/api/v1/api-keys/route";
import * as apiKeyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as meRoute from "@/app/api/v1/me/route";
import { db } from "@/db";
import { call, userWithKey } from "../helpers";

/** Every text value in every table of the public schema, as one string. */
async function dumpDatabase(): Promise<string> {
  const tables = await db.execute<{ table_name: string }>(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  let dump = "";
  for (const { table_name } of tables) {
    const rows = await db.execute(sql`select row_to_json(t)::text as j from ${sql.identifier(table_name)} t`);
    dump += rows.map((r) => String(r.j)).join("\n");
  }
  return dump;
}

describe("[API KEYS]", () => {
  it("never stores a key in plaintext anywhere in the database", async () => {
    const admin = await userWithKey(["admin"]);
    const created = await call(apiKeysRoute.POST, {
      method: "POST",
      apiKey: admin.key,
      body: { userId: admin.user.id, name: "pipeline", scopes: ["read"], expiresInDays: 30 },
    });
    expect(created.status).toBe(201);
    const key = created.body!.key as string;
    expect(key).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    const dump = await dumpDatabase();
    for (const secret of [key, admin.key]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(secret.slice(3));
    }
    const listed = await call(apiKeysRoute.GET, { apiKey: admin.key });
    expect(JSON.stringify(listed.body)).not.toContain(key);
  });

  it("acts as its user narrowed to its scopes, records last use, and stops working once revoked", async () => {
    const admin = await userWithKey(["admin"]);
    const created = await call(apiKeysRoute.POST, {
      method: "POST",
      apiKey: admin.key,
      body: { userId: admin.user.id, name: "reader", scopes: ["read"] },
    });
    const key = created.body!.key as string;
    const me = await call(meRoute.GET, { apiKey: key });
    expect(me.status).toBe(200);
    expect(me.body!.permissions).toContain("users.read");
    expect(me.body!.permissions).not.toContain("users.manage");
    const listed = await call(apiKeysRoute.GET, { apiKey: admin.key });
    const row = (listed.body!.items as { id: string; lastUsedAt: string | null }[]).find((k) => k.id === created.body!.id);
    expect(row?.lastUsedAt).not.toBeNull();

    const revoke = await call(apiKeyRoute.DELETE, { method: "DELETE", apiKey: admin.key, params: { id: created.body!.id }, body: {} });
    expect(revoke.status).toBe(200);
    expect((await call(meRoute.GET, { apiKey: key })).status).toBe(401);
    // Revoking twice is a no-op, not an error.
    expect((await call(apiKeyRoute.DELETE, { method: "DELETE", apiKey: admin.key, params: { id: created.body!.id }, body: {} })).status).toBe(200);
  });

  it("refuses expired keys", async () => {
    const { key, user } = await userWithKey(["auditor"], ["read"]);
    await db.execute(sql`update api_keys set expires_at = now() - interval '1 second' where user_id = ${user.id}`);
    expect((await call(meRoute.GET, { apiKey: key })).status).toBe(401);
  });
});
