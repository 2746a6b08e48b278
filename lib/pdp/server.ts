import crypto from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sqlClient } from "@/db";
import type { Actor } from "@/lib/domain/actor";
import { evaluateAccess } from "@/lib/domain/runtime/evaluate";
import { evaluateAccessBatch, toAuthzenDecision } from "@/lib/domain/runtime/evaluate-batch";
import { flushDecisions, pendingDecisionCount } from "@/lib/domain/runtime/decision-log";
import type { SqlClient } from "@/lib/domain/runtime/resolve-access";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { unauthenticated } from "@/lib/server/problem";
import { checkRateLimit } from "@/lib/server/rate-limit";
import { evaluationRequest, evaluationsRequest } from "@/lib/validation/authzen";
import { CALLER_CHANGES_CHANNEL } from "@/lib/domain/api-keys/caller-changes";
import { ACCESS_CHANGES_CHANNEL } from "@/lib/domain/runtime/access-changes";
import { AccessCache, type AccessCacheOptions } from "./access-cache";
import { ApiKeyCache } from "./api-key-cache";
import { ChangeFeed, type ChangeFeedOptions } from "./change-feed";
import { HttpProblem, parseJson, readBody, sendJson, sendProblem } from "./http";

/**
 * The lean policy decision point (`npm run pdp`): the AuthZEN endpoints of the
 * app on a bare node:http server, sharing lib/domain — the same zod schemas
 * (built once at import), the same `evaluateAccess` (fail closed) and the
 * same batched decision log. What it leaves out is the Next.js request
 * pipeline, not any check. What it adds is memory the database keeps honest:
 * API keys and access facts are cached, and forgotten at commit through the
 * change feed (one LISTEN connection; see change-feed.ts and access-cache.ts).
 */
export type PdpOptions = {
  /** Pool for access lookups; defaults to the process pool of `@/db` (which the decision log always uses). */
  client?: SqlClient;
  /** API key cache lifetime, capped at 5 s (see ApiKeyCache). */
  apiKeyCacheMs?: number;
  /** Base URL announced in /.well-known/authzen-configuration; defaults to PDP_PUBLIC_URL or http://localhost:<port>. */
  publicUrl?: string;
  /** Cache access facts (default: on unless PDP_ACCESS_CACHE=off); false asks the database for every question. */
  accessCache?: boolean | AccessCacheOptions;
  /** Heartbeat and deafness bound of the change feed (tests shorten them). */
  feed?: ChangeFeedOptions;
};

export type PdpServer = {
  server: http.Server;
  keys: ApiKeyCache;
  feed: ChangeFeed;
  /** Null when access facts are not cached. */
  access: AccessCache | null;
  listen(port?: number, host?: string): Promise<number>;
  /** Stop accepting, let in-flight requests finish, then flush the decision log. */
  close(): Promise<void>;
};

const DECISION_HEADERS = { "cache-control": "no-store" };
const CLOSE_DEADLINE_MS = 5_000;
const BEARER = /^Bearer\s+(\S+)$/i;

export function createPdpServer(options: PdpOptions = {}): PdpServer {
  const client = () => options.client ?? sqlClient();
  const keys = new ApiKeyCache(options.apiKeyCacheMs);
  // A revoked key or deactivated owner is forgotten at commit, not when its entry runs out; whatever the feed may
  // have missed (its connection down) is covered by clearing on every loss and reconnect, and by the ≤ 5 s lifetime.
  const feed = new ChangeFeed(client(), options.feed);
  const cacheAccess = options.accessCache ?? env().PDP_ACCESS_CACHE === "on";
  const access = cacheAccess ? new AccessCache(feed, typeof cacheAccess === "object" ? cacheAccess : {}) : null;
  feed
    .on(ACCESS_CHANGES_CHANNEL, () => access?.clear())
    .on(CALLER_CHANGES_CHANNEL, () => keys.clear())
    .onLoss(() => {
      keys.clear();
      access?.clear();
    });
  // Built once: the decision path is hot, and the loader never changes.
  const loadFacts = access ? access.facts.bind(access) : undefined;
  const evaluateOptions = () => ({ client: client(), loadFacts });
  let closing = false;
  let port = 0;

  const publicUrl = () => (options.publicUrl ?? env().PDP_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, "");

  function authenticate(req: IncomingMessage, path: string): Actor | Promise<Actor> {
    const match = BEARER.exec(req.headers.authorization ?? "");
    const found = match?.[1] ? keys.authenticate(match[1]) : null;
    return found instanceof Promise ? found.then((actor) => authorize(req, path, actor)) : authorize(req, path, found);
  }

  function authorize(req: IncomingMessage, path: string, actor: Actor | null): Actor {
    if (!actor) {
      // Only failures are counted: a guessing client slows down, the hot path pays nothing.
      checkRateLimit(`pdp-auth-failure:${req.socket.remoteAddress ?? "unknown"}`, path);
      throw unauthenticated();
    }
    if (!actor.permissions.has("runtime.authorize")) throw AppError.forbidden("This needs the permission runtime.authorize");
    return actor;
  }

  async function decide(req: IncomingMessage, res: ServerResponse, path: string, requestId: string) {
    const raw = await readBody(req);
    const authenticated = authenticate(req, path);
    const actor = authenticated instanceof Promise ? await authenticated : authenticated;
    const headers = { ...DECISION_HEADERS, "x-request-id": requestId };
    if (path === "/access/v1/evaluation") {
      const answer = await evaluateAccess(evaluationRequest.parse(parseJson(raw)), actor, evaluateOptions());
      if (answer.reason?.code === "internal_error") keys.clear();
      return sendJson(res, 200, toAuthzenDecision(answer), headers);
    }
    const body = evaluationsRequest.parse(parseJson(raw));
    const answers = await evaluateAccessBatch(body.requests, body.semantic, actor, evaluateOptions());
    if (answers.some((a) => a.reason?.code === "internal_error")) keys.clear();
    const decisions = answers.map(toAuthzenDecision);
    // Without an `evaluations` array the request is a single evaluation and is answered like one (AuthZEN §7).
    sendJson(res, 200, body.batch ? { evaluations: decisions } : decisions[0], headers);
  }

  async function health(res: ServerResponse, requestId: string) {
    try {
      await client()`select 1`;
      const cache = access && { hearing: feed.hearing(), entries: access.size, hits: access.hits, misses: access.misses };
      // pid: with several workers (PDP_WORKERS), which one answered.
      const status = { status: closing ? "closing" : "ok", pid: process.pid, pendingDecisions: pendingDecisionCount(), accessCache: cache };
      sendJson(res, 200, status, { "cache-control": "no-store", "x-request-id": requestId });
    } catch {
      throw new HttpProblem(503, "The database is unreachable; every decision would be a deny");
    }
  }

  function metadata(res: ServerResponse, requestId: string) {
    const base = publicUrl();
    sendJson(
      res,
      200,
      { policy_decision_point: base, access_evaluation_endpoint: `${base}/access/v1/evaluation`, access_evaluations_endpoint: `${base}/access/v1/evaluations` },
      { "cache-control": "public, max-age=300", "x-request-id": requestId },
    );
  }

  const ROUTES: Record<string, { method: "GET" | "POST"; run: (req: IncomingMessage, res: ServerResponse, path: string, id: string) => Promise<void> | void }> = {
    "/access/v1/evaluation": { method: "POST", run: decide },
    "/access/v1/evaluations": { method: "POST", run: decide },
    "/.well-known/authzen-configuration": { method: "GET", run: (_req, res, _path, id) => metadata(res, id) },
    "/health": { method: "GET", run: (_req, res, _path, id) => health(res, id) },
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestId = headerValue(req.headers["x-request-id"])?.slice(0, 100) || crypto.randomUUID();
    // While draining, tell keep-alive clients to reconnect elsewhere instead of queueing here.
    if (closing) res.setHeader("connection", "close");
    try {
      const url = req.url ?? "/";
      const q = url.indexOf("?");
      const path = q === -1 ? url : url.slice(0, q);
      const route = ROUTES[path];
      if (!route) throw AppError.notFound(`No endpoint ${path}; this process serves the AuthZEN decision API only`);
      if (req.method !== route.method && !(route.method === "GET" && req.method === "HEAD")) {
        throw new HttpProblem(405, `${path} accepts ${route.method} only`, { allow: route.method });
      }
      await route.run(req, res, path, requestId);
    } catch (error) {
      sendProblem(res, error, requestId);
    }
  }

  const server = http.createServer({ keepAliveTimeout: 65_000, noDelay: true }, (req, res) => void handle(req, res));
  // A slow client cannot hold a connection open forever before sending its request.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  return {
    server,
    keys,
    feed,
    access,
    async listen(listenPort = 0, host = "127.0.0.1") {
      await feed.start();
      return new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen(listenPort, host, () => {
          server.off("error", reject);
          port = (server.address() as AddressInfo).port;
          resolve(port);
        });
      });
    },
    async close() {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A keep-alive connection busy at close time goes idle after its answer; close it then, not after keepAliveTimeout.
      const sweep = setInterval(() => server.closeIdleConnections(), 20);
      const deadline = setTimeout(() => server.closeAllConnections(), CLOSE_DEADLINE_MS);
      server.closeIdleConnections();
      await closed;
      clearInterval(sweep);
      clearTimeout(deadline);
      keys.clear();
      await feed.stop();
      // In-flight requests have answered, so every decision they made is in the buffer now.
      await flushDecisions();
    },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
