/**
 * Decisions are answered as a ready Response so the route wrapper never stores
 * them under an Idempotency-Key: replaying a stored "allow" after a revoke
 * would break invariant 3 (every decision after a revoke is a deny).
 */
export function decisionResponse(body: unknown, requestId: string): Response {
  return Response.json(body, { headers: { "x-request-id": requestId, "cache-control": "no-store" } });
}
