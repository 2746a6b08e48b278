import { sql } from "drizzle-orm";
import { type JWK, decodeJwt, decodeProtectedHeader, errors, importJWK, jwtVerify } from "jose";
import { db } from "@/db";
import { appUrl } from "@/lib/env";
import { JIT_ALGORITHM, JIT_AUDIENCE, type JitClaims } from "./claims";

export type JitFailure = "jit_token_invalid" | "jit_token_expired" | "jit_token_revoked" | "jit_token_mismatch";

export type JitCheck = { ok: true; jti: string; claims: JitClaims } | { ok: false; reason: Exclude<JitFailure, "jit_token_mismatch"> };

type Row = {
  public_jwk: JWK | null;
  credential_status: string | null;
  credential_past_expiry: boolean | null;
  credential_nhi_id: string | null;
  credential_entitlement_id: string | null;
  entitlement_status: string | null;
  holders_active: boolean | null;
} & Record<string, unknown>;

/**
 * Verifies a JIT token presented for a runtime decision: signature, claims,
 * and that its credential row is still live, and that it was minted for this
 * NHI and entitlement. Never throws for a bad token.
 */
export async function verifyJitToken(
  token: string,
  expected: { nhiId: string; entitlementId: string },
): Promise<{ ok: true; jti: string } | { ok: false; reason: JitFailure }> {
  const checked = await checkJitToken(token);
  if (!checked.ok) return checked;
  if (checked.claims.sub !== expected.nhiId || checked.claims.entitlement !== expected.entitlementId) {
    return { ok: false, reason: "jit_token_mismatch" };
  }
  return { ok: true, jti: checked.jti };
}

/**
 * Everything but the binding check, shared with introspection. One database
 * round trip fetches both the verification key (by `kid`) and the credential
 * (by `jti`); nothing read from the unverified token is trusted until the
 * signature has been checked against that key.
 */
export async function checkJitToken(token: string): Promise<JitCheck> {
  const peeked = peek(token);
  if (!peeked) return { ok: false, reason: "jit_token_invalid" };
  const row = await lookup(peeked.kid, peeked.jti);
  if (!row?.public_jwk) return { ok: false, reason: "jit_token_invalid" };

  let claims: JitClaims;
  try {
    const key = await importJWK({ ...row.public_jwk, alg: JIT_ALGORITHM }, JIT_ALGORITHM);
    const verified = await jwtVerify(token, key, {
      algorithms: [JIT_ALGORITHM],
      issuer: appUrl(),
      audience: JIT_AUDIENCE,
      clockTolerance: 0,
      requiredClaims: ["exp", "jti", "sub", "iat"],
      typ: "JWT",
    });
    claims = verified.payload as JitClaims;
  } catch (error) {
    return { ok: false, reason: error instanceof errors.JWTExpired ? "jit_token_expired" : "jit_token_invalid" };
  }
  if (!hasJitShape(claims) || claims.jti !== peeked.jti) return { ok: false, reason: "jit_token_invalid" };

  // A verified signature over a jti we never recorded means the row was deleted or the key leaked: refuse.
  if (!row.credential_status) return { ok: false, reason: "jit_token_invalid" };
  if (row.credential_nhi_id !== claims.sub || row.credential_entitlement_id !== claims.entitlement) {
    return { ok: false, reason: "jit_token_invalid" };
  }
  if (row.credential_status === "expired" || row.credential_past_expiry) {
    return { ok: false, reason: "jit_token_expired" };
  }
  // Revoking the entitlement revokes its tokens in the same transaction; the entitlement check is a second fence,
  // and a suspended NHI or workflow makes its tokens unusable too (introspection must not call them active).
  if (row.credential_status !== "active" || row.entitlement_status !== "active" || !row.holders_active) {
    return { ok: false, reason: "jit_token_revoked" };
  }
  return { ok: true, jti: claims.jti, claims };
}

/** Reads `kid` and `jti` without trusting them, to know what to load; a token that is not even a JWT stops here. */
function peek(token: string): { kid: string; jti: string } | null {
  if (typeof token !== "string" || token.length === 0 || token.length > 8192) return null;
  try {
    const header = decodeProtectedHeader(token);
    const payload = decodeJwt(token);
    if (header.alg !== JIT_ALGORITHM || typeof header.kid !== "string" || typeof payload.jti !== "string") return null;
    return { kid: header.kid, jti: payload.jti };
  } catch {
    return null;
  }
}

async function lookup(kid: string, jti: string): Promise<Row | undefined> {
  // Only keys still inside their verification window count; a retired key past verify_until verifies nothing.
  const rows = await db.execute<Row>(sql`
    select k.public_jwk,
           c.status as credential_status,
           c.expires_at <= now() as credential_past_expiry,
           c.nhi_id as credential_nhi_id,
           c.entitlement_id as credential_entitlement_id,
           e.status as entitlement_status,
           (n.status = 'active' and w.status = 'active') as holders_active
    from (select 1) as one
    left join signing_keys k on k.kid = ${kid} and (k.active or k.verify_until > now())
    left join credentials c on c.jti = ${jti} and c.kind = 'jit_token'
    left join entitlements e on e.id = c.entitlement_id
    left join nhis n on n.id = e.nhi_id
    left join workflows w on w.id = e.workflow_id`);
  return rows[0];
}

function hasJitShape(claims: Partial<JitClaims>): claims is JitClaims {
  return (
    typeof claims.sub === "string" &&
    typeof claims.jti === "string" &&
    typeof claims.workflow === "string" &&
    typeof claims.entitlement === "string" &&
    Array.isArray(claims.data_sets) &&
    Array.isArray(claims.actions)
  );
}
