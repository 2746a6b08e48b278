import crypto from "node:crypto";

/**
 * Fixed namespace for every seeded id. Changing it changes every demo id, so
 * links, bookmarks and tests that name seeded rows would all break at once.
 */
const SEED_NAMESPACE = "5b0c3f0e-8d1a-4c2b-9f6e-2a7d4e1c9b30";

const namespaceBytes = Buffer.from(SEED_NAMESPACE.replace(/-/g, ""), "hex");

/**
 * A name-based (RFC 9562 version 5) UUID, so the demo organisation has the
 * same ids on every run and tests can address seeded rows by name, e.g.
 * `seedId("user:alice")`, `seedId("workflow:refund-agent")`, `seedId("nhi:sales-openai")`.
 */
export function seedId(name: string): string {
  const bytes = crypto.createHash("sha1").update(namespaceBytes).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
