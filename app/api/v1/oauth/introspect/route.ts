import { introspectJitToken } from "@/lib/domain/jit/introspect-jit-token";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/server/route";
import { ROUTE_META, metaOf } from "@/lib/server/route-meta";
import { introspectInput } from "@/lib/validation/jit";

/**
 * The route wrapper reads every POST body as text before the handler runs, and
 * a body can be read only once. RFC 7662 bodies are form-encoded, which the
 * wrapper's JSON parsing cannot take, so each request is cloned on the way in
 * and the handler reads the untouched copy.
 */
const untouched = new WeakMap<Request, Request>();

const handler = route(
  {
    path: "/api/v1/oauth/introspect",
    summary: "RFC 7662 token introspection for JIT tokens: `{ active: false }` at once after revoke or expiry",
    access: ["runtime.authorize", "identities.read"],
    tag: "Credentials",
  },
  async ({ request, requestId }) => {
    const token = await readToken(untouched.get(request) ?? request);
    const answer = await introspectJitToken(token);
    // RFC 7662 §2.2 and RFC 6749 §5.1: introspection answers are not to be cached.
    return Response.json(answer, { headers: { "cache-control": "no-store", pragma: "no-cache", "x-request-id": requestId } });
  },
);

async function readToken(request: Request): Promise<string> {
  const raw = await request.text().catch(() => "");
  const type = request.headers.get("content-type") ?? "";
  let fields: unknown = {};
  if (type.includes("application/json")) {
    try {
      fields = JSON.parse(raw);
    } catch {
      fields = {};
    }
  } else {
    fields = Object.fromEntries(new URLSearchParams(raw));
  }
  const parsed = introspectInput.safeParse(fields);
  if (!parsed.success) {
    // The one error this endpoint gives: no token at all. A bad token is `{ active: false }`.
    throw new AppError("bad_request", "token: is required (form-encoded `token=` or JSON `{ \"token\": … }`)", [{ path: "token", message: "is required" }]);
  }
  return parsed.data.token;
}

export const POST = Object.assign(
  (request: Request, context?: { params?: Promise<Record<string, string>> }) => {
    const copy = request.clone();
    untouched.set(request, copy);
    return handler(request, context);
  },
  { [ROUTE_META]: metaOf(handler)! },
);
