import crypto from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { SignJWT, createLocalJWKSet, decodeJwt, generateKeyPair, jwtVerify } from "jose";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import * as jwksRoute from "@/app/.well-known/jwks.json/route";
import { db } from "@/db";
import { createCredential, createEntitlement, createUser } from "@/db/seed/factories";
import { hookEvents, hooks } from "@/db/schema";
import { type Actor, userActor } from "@/lib/domain/actor";
import { revokeCredential } from "@/lib/domain/credentials/manage-credentials";
import { publicJwks } from "@/lib/domain/keys/signing-keys";
import { revokeEntitlement, revokeIdentity } from "@/lib/domain/revocation/revoke-access";
import { appUrl } from "@/lib/env";
import { call } from "@/tests/helpers";
import { createHook, rotateHookSecret } from "./manage-hooks";
import { CAEP, signDelivery } from "./sign-delivery";

/**
 * Conformance with the reference verifiers: `standardwebhooks` for Standard
 * Webhooks and `jose` for CAEP Security Event Tokens. The receiver URL is a
 * public IP literal: nothing is ever sent, only signed.
 */
const RECEIVER = "https://93.184.216.34/hook";
const ORIGIN = "https://93.184.216.34";

type Payload = Parameters<typeof signDelivery>[1];
let io: Actor;

const hookRow = async (id: string) => (await db.select().from(hooks).where(eq(hooks.id, id)))[0]!;
const randomSecret = () => `whsec_${crypto.randomBytes(24).toString("base64")}`;
const verifies = (secret: string, body: string, headers: Record<string, string>) => {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
};

/** A real revocation's outbox payload (revoked before any hook exists, so nothing is queued). */
async function revocationPayload(revoke: () => Promise<{ revocationId: string | null }>): Promise<Payload> {
  const { revocationId } = await revoke();
  expect(revocationId).toBeTruthy();
  const [event] = await db.select().from(hookEvents).where(eq(hookEvents.revocationId, revocationId!)).orderBy(desc(hookEvents.createdAt));
  return event!.payload as Payload;
}

beforeAll(async () => {
  io = userActor(await createUser(db, { roles: ["identity_owner"] }));
});

describe("[HOOKS] Standard Webhooks signatures (reference verifier)", () => {
  let payload: Payload;
  let hookId: string;
  let secret: string;

  beforeAll(async () => {
    const grant = await createEntitlement(db);
    payload = await revocationPayload(() => revokeEntitlement(io, grant.id, "signature test"));
    const hook = await createHook(io, { name: "sw", url: RECEIVER, events: ["entitlement.revoked"], format: "standard-webhooks" });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    hookId = hook.id;
    secret = hook.secret!;
  });

  it("a delivery verifies with the hook's whsec_ secret; headers carry webhook-id/timestamp/signature", async () => {
    const { body, headers } = await signDelivery(await hookRow(hookId), payload);
    expect(headers["webhook-id"]).toBe(payload.id);
    expect(Number(headers["webhook-timestamp"])).toBeCloseTo(Date.now() / 1000, -1);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(payload);
    expect(JSON.parse(body)).toMatchObject({ id: payload.id, type: "entitlement.revoked", reason: "signature test" });
  });

  it("a tampered body, a wrong secret, a swapped webhook-id and an old timestamp all fail", async () => {
    const { body, headers } = await signDelivery(await hookRow(hookId), payload);
    expect(verifies(secret, body.replace("signature test", "signature tesT"), headers)).toBe(false);
    expect(verifies(randomSecret(), body, headers)).toBe(false);
    expect(verifies(secret, body, { ...headers, "webhook-id": crypto.randomUUID() })).toBe(false);
    const old = await signDelivery(await hookRow(hookId), payload, new Date(Date.now() - 10 * 60_000));
    expect(verifies(secret, old.body, old.headers)).toBe(false);
    expect(verifies(secret, body, headers)).toBe(true);
  });

  it("during a rotation's grace period the header carries two v1 signatures and both secrets verify; afterwards only the new one", async () => {
    const rotated = await rotateHookSecret(io, hookId, 24, "scheduled rotation");
    const fresh = rotated.secret;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(secret);
    expect(rotated).not.toHaveProperty("secretEncrypted");
    expect(rotated).not.toHaveProperty("previousSecretEncrypted");

    const during = await signDelivery(await hookRow(hookId), payload);
    const signatures = during.headers["webhook-signature"]!.split(" ");
    expect(signatures).toHaveLength(2);
    for (const s of signatures) expect(s).toMatch(/^v1,/);
    expect(verifies(fresh, during.body, during.headers)).toBe(true);
    expect(verifies(secret, during.body, during.headers)).toBe(true);
    expect(verifies(randomSecret(), during.body, during.headers)).toBe(false);

    await db.update(hooks).set({ previousSecretValidUntil: new Date(Date.now() - 60_000) }).where(eq(hooks.id, hookId));
    const after = await signDelivery(await hookRow(hookId), payload);
    expect(after.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(verifies(fresh, after.body, after.headers)).toBe(true);
    expect(verifies(secret, after.body, after.headers)).toBe(false);
    secret = fresh;
  });

  it("rotating with no grace period signs with the new secret alone at once", async () => {
    const { secret: next } = await rotateHookSecret(io, hookId, 0);
    const signed = await signDelivery(await hookRow(hookId), payload);
    expect(signed.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(verifies(next!, signed.body, signed.headers)).toBe(true);
    expect(verifies(secret, signed.body, signed.headers)).toBe(false);
  });
});

describe("[HOOKS] CAEP Security Event Tokens (jose against our JWKS)", () => {
  let caepId: string;
  const payloads: Record<string, Payload> = {};

  beforeAll(async () => {
    await db.update(hooks).set({ active: false }).where(eq(hooks.active, true)); // earlier hooks: these revocations queue nothing
    const grant = await createEntitlement(db);
    const credential = await createCredential(db, { nhiId: grant.nhiId });
    payloads["credential.revoked"] = await revocationPayload(() => revokeCredential(io, credential.id, "leaked key"));
    payloads["entitlement.revoked"] = await revocationPayload(() => revokeEntitlement(io, grant.id, "task ended"));
    const other = await createEntitlement(db);
    payloads["identity.revoked"] = await revocationPayload(() => revokeIdentity(io, other.nhiId, "compromised"));
    const hook = await createHook(io, {
      name: "caep",
      url: RECEIVER,
      events: ["credential.revoked", "identity.revoked", "entitlement.revoked"],
      format: "caep-set",
    });
    expect(hook.secret).toBeNull();
    caepId = hook.id;
  });

  async function verifiedSet(type: string) {
    const { body, headers } = await signDelivery(await hookRow(caepId), payloads[type]!);
    expect(headers["content-type"]).toBe("application/secevent+jwt");
    const jwks = createLocalJWKSet(await publicJwks());
    const verified = await jwtVerify(body, jwks, { issuer: appUrl(), audience: ORIGIN, typ: "secevent+jwt", algorithms: ["ES256"] });
    return { body, ...verified };
  }

  it.each([
    ["credential.revoked", CAEP.credentialChange],
    ["identity.revoked", CAEP.credentialChange],
    ["entitlement.revoked", CAEP.sessionRevoked],
  ])("%s is a SET that verifies with the published JWKS and carries %s", async (type, eventUri) => {
    const { payload, protectedHeader } = await verifiedSet(type);
    expect(protectedHeader).toMatchObject({ alg: "ES256", typ: "secevent+jwt" });
    expect((await publicJwks()).keys.map((k) => k.kid)).toContain(protectedHeader.kid);
    expect(payload.aud).toBe(ORIGIN);
    expect(payload.jti).toBe(payloads[type]!.id);
    const events = payload.events as Record<string, Record<string, unknown>>;
    expect(Object.keys(events)).toEqual([eventUri]);
    const identity = payloads[type]!.identity as { provider: string; externalId: string };
    expect(events[eventUri]!.subject).toEqual({ format: "opaque", id: `${identity.provider}:${identity.externalId}` });
    if (eventUri === CAEP.credentialChange) expect(events[eventUri]!.change_type).toBe("revoke");
  });

  it("the /.well-known/jwks.json route publishes the verifying key (public part only)", async () => {
    const res = await call(jwksRoute.GET, { path: "/.well-known/jwks.json" });
    expect(res.status).toBe(200);
    const keys = res.body!.keys as Record<string, unknown>[];
    for (const k of keys) expect(k).not.toHaveProperty("d");
    const { body } = await signDelivery(await hookRow(caepId), payloads["entitlement.revoked"]!);
    const { protectedHeader } = await jwtVerify(body, createLocalJWKSet({ keys }), { audience: ORIGIN, typ: "secevent+jwt" });
    expect(keys.map((k) => k.kid)).toContain(protectedHeader.kid);
  });

  it("a SET signed by another key (even under our kid), a tampered SET, or another audience fails", async () => {
    const { body, protectedHeader } = await verifiedSet("credential.revoked");
    const jwks = createLocalJWKSet(await publicJwks());
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT(decodeJwt(body))
      .setProtectedHeader({ alg: "ES256", kid: protectedHeader.kid, typ: "secevent+jwt" })
      .sign(privateKey);
    await expect(jwtVerify(forged, jwks, { audience: ORIGIN })).rejects.toMatchObject({ code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });

    const [h, p, s] = body.split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString()) as Record<string, unknown>;
    const tampered = [h, Buffer.from(JSON.stringify({ ...claims, jti: crypto.randomUUID() })).toString("base64url"), s].join(".");
    await expect(jwtVerify(tampered, jwks, { audience: ORIGIN })).rejects.toMatchObject({ code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
    await expect(jwtVerify(body, jwks, { audience: "https://other.example" })).rejects.toMatchObject({ code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
  });
});
