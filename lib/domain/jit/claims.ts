import type { JWTPayload } from "jose";

/** The audience every JIT token is minted for: the AuthZEN decision endpoint of this deployment. */
export const JIT_AUDIENCE = "countersign:authzen";

/** The only algorithm a JIT token may carry; anything else (none, HS256, RS256…) is refused before any key is used. */
export const JIT_ALGORITHM = "ES256";

/** Claims a JIT token carries beyond the registered ones. */
export type JitClaims = JWTPayload & {
  sub: string;
  jti: string;
  exp: number;
  workflow: string;
  entitlement: string;
  data_sets: string[];
  actions: string[];
  task: string;
};
