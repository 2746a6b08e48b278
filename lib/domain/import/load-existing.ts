import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { Classification, CredentialKind, Environment, ImportRow, NhiKind, NhiStatus, Provider } from "./types";

/** Rows per statement: big enough to amortise round trips, small enough to keep each JSON parameter a few MB. */
export const CHUNK_SIZE = 5_000;

export type ExistingNhi = {
  id: string;
  provider: Provider;
  externalId: string;
  name: string;
  kind: NhiKind;
  environment: Environment;
  classification: Classification;
  ownerId: string | null;
  status: NhiStatus;
  description: string;
  lastUsedAt: Date | null;
  humanUseSeenAt: Date | null;
  attributes: Record<string, unknown>;
};

export type ExistingCredential = {
  id: string;
  nhiId: string;
  name: string;
  kind: CredentialKind;
  fingerprint: string | null;
  location: string | null;
  issuedAt: Date;
  lastRotatedAt: Date | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  status: "active" | "rotated" | "revoked" | "expired";
};

export type Owner = { id: string; email: string; active: boolean };

export const identityKey = (provider: string, externalId: string) => `${provider}\u0000${externalId}`;
export const credentialKey = (nhiId: string, name: string) => `${nhiId}\u0000${name}`;

// Raw queries bypass drizzle's column mapping, and its postgres.js setup hands
// timestamps back as strings; epoch milliseconds compare exactly with the Dates parsed from a file.
type Timestamps<T, K extends keyof T> = Omit<T, K> & { [P in K]: number | null };
const epochMs = (column: SQL) => sql`(extract(epoch from ${column}) * 1000)::float8`;
const asDate = (ms: number | null) => (ms === null ? null : new Date(ms));

export function chunks<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The stored identities the file names, keyed by (provider, external id): one query per chunk, never per row. */
export async function loadExistingNhis(tx: DbOrTx, rows: ImportRow[]): Promise<Map<string, ExistingNhi>> {
  const found = new Map<string, ExistingNhi>();
  for (const chunk of chunks(rows)) {
    const keys = JSON.stringify(chunk.map((r) => ({ provider: r.provider, external_id: r.externalId })));
    const result = await tx.execute<Timestamps<ExistingNhi, "lastUsedAt" | "humanUseSeenAt">>(sql`
      select n.id, n.provider, n.external_id as "externalId", n.name, n.kind, n.environment, n.classification,
             n.owner_id as "ownerId", n.status, n.description, ${epochMs(sql`n.last_used_at`)} as "lastUsedAt",
             ${epochMs(sql`n.human_use_seen_at`)} as "humanUseSeenAt", n.attributes
      from json_to_recordset(${keys}::json) as k(provider provider, external_id text)
      join nhis n on n.provider = k.provider and n.external_id = k.external_id`);
    for (const r of result) {
      const nhi = { ...r, lastUsedAt: asDate(r.lastUsedAt), humanUseSeenAt: asDate(r.humanUseSeenAt) };
      found.set(identityKey(nhi.provider, nhi.externalId), nhi);
    }
  }
  return found;
}

/**
 * The credentials an import may match, by (identity, name). JIT tokens are
 * Countersign's own and never come from a source. Should hand-made duplicates
 * share a name, the newest one is the one kept in step with the source.
 */
export async function loadExistingCredentials(tx: DbOrTx, nhiIds: string[]): Promise<Map<string, ExistingCredential>> {
  const found = new Map<string, ExistingCredential>();
  for (const chunk of chunks(nhiIds)) {
    const result = await tx.execute<Timestamps<ExistingCredential, "issuedAt" | "lastRotatedAt" | "lastUsedAt" | "expiresAt">>(sql`
      select distinct on (c.nhi_id, c.name)
             c.id, c.nhi_id as "nhiId", c.name, c.kind, c.fingerprint, c.location, ${epochMs(sql`c.issued_at`)} as "issuedAt",
             ${epochMs(sql`c.last_rotated_at`)} as "lastRotatedAt", ${epochMs(sql`c.last_used_at`)} as "lastUsedAt",
             ${epochMs(sql`c.expires_at`)} as "expiresAt", c.status
      from credentials c
      where c.nhi_id = any(${`{${chunk.join(",")}}`}::uuid[]) and c.jti is null
      order by c.nhi_id, c.name, c.created_at desc`);
    for (const r of result) {
      const c = {
        ...r,
        issuedAt: asDate(r.issuedAt) ?? new Date(0),
        lastRotatedAt: asDate(r.lastRotatedAt),
        lastUsedAt: asDate(r.lastUsedAt),
        expiresAt: asDate(r.expiresAt),
      };
      found.set(credentialKey(c.nhiId, c.name), c);
    }
  }
  return found;
}

/** Users named as owners, by lower-cased e-mail, in one query. */
export async function resolveOwners(tx: DbOrTx, emails: Iterable<string>): Promise<Map<string, Owner>> {
  const list = [...new Set(emails)];
  if (list.length === 0) return new Map();
  const result = await tx.execute<Owner>(sql`
    select id, lower(email) as email, active from users
    where lower(email) in (select value from json_array_elements_text(${JSON.stringify(list)}::json))`);
  return new Map(result.map((u) => [u.email, u]));
}
