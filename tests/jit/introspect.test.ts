import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import { db } from "@/db";
import { credentials } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { revokeCredential } from "@/lib/domain/credentials/manage-credentials";
import { JIT_AUDIENCE } from "@/lib/domain/jit/claims";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { appUrl } from "@/lib/env";
import { userWithKey } from "../helpers";
import { mintedToken, resign } from "./fixtures";

/** RFC 7662 requests are form-encoded; the test helper only speaks JSON, so build the request here. */
async function introspect(apiKey: string, body: string | null, contentType = "application/x-www-form-urlencoded") {
  const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
  if (body !== null) headers["content-type"] = contentType;
  const response = await introspectRoute.POST(
    new Request("http://localhost/api/v1/oauth/introspect", { method: "POST", headers, body }),
    { params: Promise.resolve({}) },
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
const form = (token: string) => new URLSearchParams({ token, token_type_hint: "access_token" }).toString();

describe("[JIT] RFC 7662 introspection", () => {
  it("answers active with the token's claims, form-encoded or JSON, not cacheable", async () => {
    const { key } = await userWithKey(["identity_owner"], ["authorize"]);
    const { grant, minted, claims } = await mintedToken({ actions: ["read", "write"] });
    const res = await introspect(key, form(minted.token));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toEqual({
      active: true,
      sub: grant.nhiId,
      exp: claims.exp,
      iat: claims.iat,
      nbf: claims.nbf,
      jti: minted.jti,
      iss: appUrl(),
      aud: JIT_AUDIENCE,
      scope: "read write",
      token_type: "Bearer",
      client_id: grant.workflowId,
      entitlement: grant.id,
      data_sets: [grant.dataSetId],
    });
    const viaJson = await introspect(key, JSON.stringify({ token: minted.token }), "application/json");
    expect(viaJson.body).toEqual(res.body);
  });

  it("answers { active: false } at once after the entitlement is revoked (invariant 3), and after a credential revoke", async () => {
    const { key } = await userWithKey(["auditor"], ["read"]);
    const { grant, minted } = await mintedToken();
    expect((await introspect(key, form(minted.token))).body).toMatchObject({ active: true });
    await revokeEntitlement(systemActor("test"), grant.id, "incident 7");
    expect(await introspect(key, form(minted.token))).toMatchObject({ status: 200, body: { active: false } });

    const other = await mintedToken();
    const [row] = await db.select({ id: credentials.id }).from(credentials).where(eq(credentials.jti, other.minted.jti));
    await revokeCredential(systemActor("test"), row!.id);
    expect((await introspect(key, form(other.minted.token))).body).toEqual({ active: false });
  });

  it("answers { active: false } once the token expires", async () => {
    const { key } = await userWithKey(["identity_owner"], ["read"]);
    const { minted } = await mintedToken({}, 1);
    expect((await introspect(key, form(minted.token))).body).toMatchObject({ active: true });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, minted.expiresAt.getTime() - Date.now()) + 50));
    expect((await introspect(key, form(minted.token))).body).toEqual({ active: false });
  });

  it("answers exactly { active: false } for forged, malformed or unknown tokens — never an error body", async () => {
    const { key } = await userWithKey(["identity_owner"], ["authorize"]);
    const { claims } = await mintedToken();
    const forged = [
      await resign(claims, { claims: { aud: "elsewhere" } }),
      await resign(claims, { header: { alg: "HS256" }, key: new TextEncoder().encode("guess") }),
      await resign(claims, { claims: { jti: crypto.randomUUID() } }),
      "not-a-jwt",
      "e30.e30.",
      "%%%",
      "x".repeat(50_000),
    ];
    for (const token of forged) expect(await introspect(key, form(token))).toMatchObject({ status: 200, body: { active: false } });
    expect((await introspect(key, JSON.stringify({ token: "abc" }), "application/json")).body).toEqual({ active: false });
  });

  it("400 only when no token is sent", async () => {
    const { key } = await userWithKey(["identity_owner"], ["authorize"]);
    for (const [body, type] of [
      ["", undefined],
      ["token=", undefined],
      ["other=1", undefined],
      ["{}", "application/json"],
      ["{not json", "application/json"],
      [JSON.stringify({ token: 42 }), "application/json"],
    ] as const) {
      const res = await introspect(key, body, type);
      expect(res.status, body).toBe(400);
      expect(res.body).toMatchObject({ status: 400 });
    }
  });

  it("needs an API key with scope authorize or read", async () => {
    const { minted } = await mintedToken();
    const writeOnly = await userWithKey(["identity_owner"], ["write"]);
    expect((await introspect(writeOnly.key, form(minted.token))).status).toBe(403);
    expect((await introspect("cs_nope", form(minted.token))).status).toBe(401);
    const reader = await userWithKey(["business_owner"], ["read"]);
    expect((await introspect(reader.key, form(minted.token))).body).toMatchObject({ active: true });
  });
});
