import crypto from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: number;
  id: string;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
};

/** JSON with sorted keys: jsonb reorders keys, so the hash must not depend on order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function hashAuditEvent(e: ChainedFields): string {
  const material = canonicalJson({ ...e, occurredAt: e.occurredAt.toISOString() });
  return crypto.createHash("sha256").update(material).digest("hex");
}
