import { mintJitToken } from "@/lib/domain/jit/mint-jit-token";
import { route } from "@/lib/server/route";
import { mintJitInput } from "@/lib/validation/jit";

export const POST = route(
  {
    path: "/api/v1/credentials/jit",
    summary: "Mint a short-lived JIT token (ES256 JWT) for an active JIT entitlement; the token is shown once",
    access: "credentials.issue_jit",
    body: mintJitInput,
    status: 201,
    tag: "Credentials",
  },
  async ({ actor, body, requestId }) => {
    const minted = await mintJitToken(actor, body);
    // Answering with a Response (not a plain object) keeps the token out of the idempotency store,
    // which would otherwise persist it; a retried request simply mints a fresh token.
    // no-store: a bearer token must not be kept by caches or proxies (RFC 6749 §5.1).
    return Response.json(minted, { status: 201, headers: { "cache-control": "no-store", pragma: "no-cache", "x-request-id": requestId } });
  },
);
