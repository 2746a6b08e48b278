import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors";
import { toProblem } from "@/lib/server/problem";

/**
 * Bare node:http plumbing for the decision point: bounded body reading, JSON
 * answers with a Content-Length (so keep-alive connections never fall back to
 * chunked encoding), and RFC 9457 problems shaped exactly like the app's.
 */

/** A full batch (100 items, each with an 8 KiB JIT token) fits; anything larger is not AuthZEN traffic. */
export const MAX_BODY_BYTES = 1 << 20;

/** Statuses the app's AppError has no code for; the PDP answers them itself. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Authentication required",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  413: "Payload too large",
  422: "Invalid input",
  429: "Too many requests",
  500: "Internal error",
  503: "Service unavailable",
};

export function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

// The rest of an oversized body is not worth reading: answer and close the connection.
const tooLarge = () => new HttpProblem(413, `The request body exceeds ${MAX_BODY_BYTES} bytes`, { connection: "close" });

export function parseJson(raw: string): unknown {
  if (raw.trim() === "") return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

/** Any thrown value → problem+json, with the app's statuses and field errors; unknown errors never leak their message. */
export function sendProblem(res: ServerResponse, error: unknown, requestId: string): void {
  const p = error instanceof HttpProblem ? { status: error.status, detail: error.message, errors: undefined } : toProblem(error);
  if (p.status === 500) console.error(`[pdp] request ${requestId}:`, error instanceof Error ? (error.stack ?? error.message) : error);
  const body = JSON.stringify({
    type: `https://countersign.dev/problems/${p.status}`,
    title: TITLES[p.status] ?? "Error",
    status: p.status,
    detail: p.detail,
    ...(p.errors ? { errors: p.errors } : {}),
    requestId,
  });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(p.status, {
    "content-type": "application/problem+json",
    "content-length": Buffer.byteLength(body),
    "x-request-id": requestId,
    ...(p.status === 401 ? { "www-authenticate": 'Bearer realm="countersign"' } : {}),
    ...(error instanceof HttpProblem ? error.headers : {}),
  });
  res.end(body);
}
