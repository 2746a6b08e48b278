import { checkJitToken } from "./verify-jit-token";

export type Introspection =
  | { active: false }
  | {
      active: true;
      sub: string;
      exp: number;
      iat: number | undefined;
      nbf: number | undefined;
      jti: string;
      iss: string | undefined;
      aud: string | string[] | undefined;
      scope: string;
      token_type: "Bearer";
      client_id: string;
      entitlement: string;
      data_sets: string[];
    };

/**
 * RFC 7662 view of a JIT token. Every reason a token is unusable (malformed,
 * badly signed, expired, revoked) collapses to `{ active: false }`: the spec
 * forbids saying why, and a caller probing tokens learns nothing more.
 */
export async function introspectJitToken(token: string): Promise<Introspection> {
  const checked = await checkJitToken(token).catch(() => null);
  if (!checked?.ok) return { active: false };
  const c = checked.claims;
  return {
    active: true,
    sub: c.sub,
    exp: c.exp,
    iat: c.iat,
    nbf: c.nbf,
    jti: c.jti,
    iss: c.iss,
    aud: c.aud,
    scope: c.actions.join(" "),
    token_type: "Bearer",
    // The workflow is the party the token was issued to act for: the closest thing to an OAuth client.
    client_id: c.workflow,
    entitlement: c.entitlement,
    data_sets: c.data_sets,
  };
}
