import crypto from "node:crypto";
import type { z, ZodType } from "zod";
import type { Actor } from "@/lib/domain/actor";
import { findIdempotentReplay, requestFingerprint, storeIdempotentResult } from "@/lib/domain/idempotency";
import { AppError, isAppError } from "@/lib/errors";
import { authenticateRequest } from "./authenticate";
import { problemResponse, unauthenticated } from "./problem";
import { checkRateLimit } from "./rate-limit";
import { type Access, ROUTE_META, type RouteMeta, satisfies } from "./route-meta";

type Spec<B extends ZodType | undefined, Q extends ZodType | undefined> = Omit<RouteMeta, "body" | "query"> & {
  body?: B;
  query?: Q;
  /** Status of a successful answer (201 for creations). */
  status?: number;
};

type Infer<T> = T extends ZodType ? z.infer<T> : undefined;

type Context<B, Q, A extends Access> = {
  actor: A extends { public: string } ? Actor | null : Actor;
  body: B;
  query: Q;
  params: Record<string, string>;
  request: Request;
  requestId: string;
};

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The one way to write a route handler: authenticate (API key or session) →
 * permission check → parse query and body with the shared zod schemas →
 * domain call → JSON, with every failure as problem+json.
 */
export function route<B extends ZodType | undefined = undefined, Q extends ZodType | undefined = undefined, A extends Access = Access>(
  spec: Spec<B, Q> & { access: A },
  handler: (ctx: Context<Infer<B>, Infer<Q>, A>) => Promise<unknown>,
) {
  const fn = async (request: Request, context?: { params?: Promise<Record<string, string>> }) => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 100) || crypto.randomUUID();
    try {
      const isPublic = typeof spec.access === "object" && !Array.isArray(spec.access);
      const auth = isPublic ? { actor: null, via: null } : await authenticateRequest(request, requestId);
      checkRateLimit(auth.actor?.apiKeyId ?? auth.actor?.userId ?? clientAddress(request), spec.path);
      if (!isPublic) {
        if (!auth.actor) throw unauthenticated();
        if (!satisfies(auth.actor.permissions, spec.access)) {
          throw AppError.forbidden(`This needs the permission ${[spec.access].flat().join(" or ")}`);
        }
        if (auth.via === "session" && MUTATING.has(request.method)) assertSameOrigin(request);
      }
      const params = (await context?.params) ?? {};
      const query = spec.query ? spec.query.parse(Object.fromEntries(new URL(request.url).searchParams)) : undefined;
      const rawBody = MUTATING.has(request.method) ? await readBody(request) : "";
      const body = spec.body ? spec.body.parse(parseJson(rawBody)) : undefined;

      const idemKey = MUTATING.has(request.method) ? request.headers.get("idempotency-key") : null;
      const principal = auth.actor ? `${auth.actor.userId}:${auth.actor.apiKeyId ?? "session"}` : "";
      const fingerprint = requestFingerprint(request.method, new URL(request.url).pathname, rawBody);
      if (idemKey && principal) {
        const replay = await findIdempotentReplay(principal, idemKey, fingerprint);
        if (replay) return json(replay.body, replay.status, requestId, { "idempotent-replayed": "true" });
      }

      const result = await handler({
        actor: auth.actor as Context<Infer<B>, Infer<Q>, A>["actor"],
        body: body as Infer<B>,
        query: query as Infer<Q>,
        params,
        request,
        requestId,
      });
      if (result instanceof Response) return result;
      const status = spec.status ?? 200;
      if (idemKey && principal) await storeIdempotentResult(principal, idemKey, fingerprint, status, result);
      return json(result, status, requestId);
    } catch (error) {
      return problemResponse(error, requestId);
    }
  };
  const meta: RouteMeta = { path: spec.path, summary: spec.summary, access: spec.access, body: spec.body, query: spec.query, tag: spec.tag };
  return Object.assign(fn, { [ROUTE_META]: meta });
}

function json(body: unknown, status: number, requestId: string, headers: Record<string, string> = {}) {
  return new Response(status === 204 ? null : JSON.stringify(body ?? null), {
    status,
    headers: { "content-type": "application/json", "x-request-id": requestId, ...headers },
  });
}

/** A client that hangs up mid-body (a load generator stopping, a closed tab) is not a server error: 400, no stack in the log. */
async function readBody(request: Request): Promise<string> {
  try {
    return await request.text();
  } catch (error) {
    // A route may read its own body (the import's size- and UTF-8-checked upload) and refuse it with a reason.
    if (isAppError(error)) throw error;
    throw new AppError("bad_request", "The request body was not received completely");
  }
}

function parseJson(raw: string): unknown {
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
}

/** Cookie-authenticated writes must come from our own pages (CSRF defence). */
function assertSameOrigin(request: Request) {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host || new URL(origin).host !== host) {
    throw AppError.forbidden("Cross-origin request refused; use an API key for programmatic access");
  }
}

function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
}
