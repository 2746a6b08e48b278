import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { isAllowlistedHookUrl, isBlockedAddress } from "./url-guard";

export const DELIVERY_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

export type PostResult = { status: number | null; retryAfter: string | null; error: string | null; latencyMs: number };

/**
 * One POST to a hook. Redirects are never followed (http.request does not),
 * and the address is checked again at connect time, so a DNS answer that
 * changed since registration cannot point the request at internal services.
 */
export function postHook(url: URL, body: string, headers: Record<string, string>, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<PostResult> {
  const started = performance.now();
  const done = (status: number | null, retryAfter: string | null, error: string | null): PostResult => ({
    status,
    retryAfter,
    error,
    latencyMs: Math.round(performance.now() - started),
  });
  const allowPrivate = isAllowlistedHookUrl(url);
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && net.isIP(literal) && isBlockedAddress(literal)) {
    return Promise.resolve(done(null, null, "refused: the target address is loopback, private or link-local"));
  }

  return new Promise((resolve) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)), "user-agent": "Countersign-Hooks/1.0" },
        timeout: timeoutMs,
        lookup: guardedLookup(allowPrivate),
      },
      (response) => {
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        const finish = () => resolve(done(response.statusCode ?? null, headerValue(response.headers["retry-after"]), null));
        response.on("end", finish);
        response.on("close", finish);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`timed out after ${timeoutMs / 1000} s`)));
    request.on("error", (error) => resolve(done(null, null, error.message)));
    request.end(body);
  });
}

function headerValue(v: string | string[] | undefined): string | null {
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as dns.LookupAddress[];
      if (!allowPrivate && list.some((a) => isBlockedAddress(a.address))) {
        return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private address`), { code: "EBLOCKED" }), []);
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      return first ? callback(null, first.address, first.family) : callback(new Error("no address"), []);
    });
  };
}
