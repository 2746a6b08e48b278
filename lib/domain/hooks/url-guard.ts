import dns from "node:dns/promises";
import net from "node:net";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * SSRF defence for hook targets. WHATWG URL parsing already normalises IPv4
 * encodings (decimal 2130706433, hex 0x7f.1, octal 0177.0.0.1) to dotted form;
 * every address the host resolves to is then checked against this list, at
 * registration and again at each delivery (DNS can change: rebinding).
 */
const blocked = new net.BlockList();
for (const [net4, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net4, prefix, "ipv4");
}
for (const [net6, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const) {
  blocked.addSubnet(net6, prefix, "ipv6");
}
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata", "instance-data", "metadata.azure.com"]);

export function isBlockedAddress(address: string): boolean {
  const family = net.isIPv6(address) ? "ipv6" : "ipv4";
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return blocked.check(mapped[1], "ipv4");
  return blocked.check(address, family);
}

export function isAllowlistedHookUrl(url: URL): boolean {
  const hostPort = `${url.hostname.replace(/^\[|\]$/g, "")}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
  return env()
    .HOOK_ALLOWED_HOSTS.split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)
    .includes(hostPort.toLowerCase());
}

/** Parses and checks a hook URL; throws a 422 naming `url` when it may not be called. */
export async function assertSafeHookUrl(raw: string, path = "url"): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw AppError.invalid(path, "is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw AppError.invalid(path, "must be http or https");
  if (url.username || url.password) throw AppError.invalid(path, "must not carry credentials");
  if (isAllowlistedHookUrl(url)) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (METADATA_HOSTS.has(host) || host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal")) {
    throw AppError.invalid(path, "targets a local or metadata host; ask an admin to allowlist it in HOOK_ALLOWED_HOSTS");
  }
  const addresses = net.isIP(host) ? [host] : await resolveAll(host, path);
  if (addresses.some(isBlockedAddress)) {
    throw AppError.invalid(path, "resolves to a loopback, private or link-local address; ask an admin to allowlist it in HOOK_ALLOWED_HOSTS");
  }
  return url;
}

async function resolveAll(host: string, path: string): Promise<string[]> {
  try {
    return (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw AppError.invalid(path, `the host ${host} does not resolve`);
  }
}

