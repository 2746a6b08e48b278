import { type JWTPayload, SignJWT, decodeJwt, decodeProtectedHeader } from "jose";
import { db } from "@/db";
import type { entitlements } from "@/db/schema";
import { createEntitlement, createUser } from "@/db/seed/factories";
import { userActor } from "@/lib/domain/actor";
import { getActiveSigningKey } from "@/lib/domain/keys/signing-keys";
import { mintJitToken } from "@/lib/domain/jit/mint-jit-token";

/** An identity owner acting directly on the domain (no API key). */
export async function identityOwner() {
  return userActor(await createUser(db, { roles: ["identity_owner"] }));
}

/** An active JIT entitlement and a token minted for it. */
export async function mintedToken(overrides: Partial<typeof entitlements.$inferInsert> = {}, ttlSeconds?: number) {
  const actor = await identityOwner();
  const grant = await createEntitlement(db, { jit: true, ...overrides });
  const minted = await mintJitToken(actor, { entitlementId: grant.id, task: "summarise the weekly claims", ttlSeconds });
  return { actor, grant, minted, claims: decodeJwt(minted.token), header: decodeProtectedHeader(minted.token) };
}

/**
 * Re-signs a minted token's claims with changes, by default with our own
 * active key: so a refusal proves the one thing that was changed is checked.
 */
export async function resign(
  claims: JWTPayload,
  changes: { claims?: JWTPayload; header?: Record<string, unknown>; key?: CryptoKey | Uint8Array } = {},
): Promise<string> {
  const active = await getActiveSigningKey();
  const header = { alg: "ES256", kid: active.kid, typ: "JWT", ...changes.header };
  return new SignJWT({ ...claims, ...changes.claims })
    .setProtectedHeader(header as { alg: string })
    .sign(changes.key ?? active.privateKey);
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
