import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { chunks } from "./load-existing";
import type { CredentialInsert, CredentialUpdate, ImportPlan, NhiUpdate, NhiWrite } from "./plan-import";

// Each chunk travels as ONE json parameter and is expanded by json_to_recordset,
// so a 100k-row import is ~20 set-based statements instead of 100k round trips.

const REVOKED_AT_SOURCE = "Inactive in the source system when imported";

/** Writes a plan's identities and credentials. Runs inside the caller's transaction: any failure undoes all of it. */
export async function writeImportPlan(tx: Transaction, plan: ImportPlan): Promise<void> {
  for (const chunk of chunks(plan.nhiInserts)) await insertNhis(tx, chunk);
  for (const chunk of chunks(plan.nhiUpdates)) await updateNhis(tx, chunk);
  for (const chunk of chunks(plan.credentialInserts)) await insertCredentials(tx, chunk);
  for (const chunk of chunks(plan.credentialUpdates)) await updateCredentials(tx, chunk);
}

const nhiJson = (rows: (NhiWrite & { id?: string })[]) =>
  JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      provider: r.provider,
      external_id: r.externalId,
      name: r.name,
      kind: r.kind,
      environment: r.environment,
      classification: r.classification,
      owner_id: r.ownerId,
      status: r.status,
      description: r.description,
      last_used_at: r.lastUsedAt,
      human_use_seen_at: r.humanUseSeenAt,
      attributes: r.attributes,
    })),
  );

const NHI_RECORD = sql.raw(`x(id uuid, provider provider, external_id text, name text, kind nhi_kind, environment environment,
  classification classification, owner_id uuid, status nhi_status, description text, last_used_at timestamptz,
  human_use_seen_at timestamptz, attributes jsonb)`);

/**
 * A plain INSERT, not an upsert: the plan read the stored identities under the
 * import lock, so a conflict here means another writer created one of them
 * meanwhile, and the whole import rolls back rather than guess whose row wins.
 */
async function insertNhis(tx: Transaction, rows: NhiWrite[]) {
  const result = await tx.execute(sql`
    insert into nhis (provider, external_id, name, kind, environment, classification, owner_id, status, description,
                      last_used_at, human_use_seen_at, attributes)
    select x.provider, x.external_id, x.name, x.kind, x.environment, x.classification, x.owner_id, x.status, x.description,
           x.last_used_at, x.human_use_seen_at, x.attributes
    from json_to_recordset(${nhiJson(rows)}::json) as ${NHI_RECORD}`);
  expectCount("identities", result.count, rows.length);
}

/** The plan already merged stored and imported values, so every column is simply set. */
async function updateNhis(tx: Transaction, rows: NhiUpdate[]) {
  const result = await tx.execute(sql`
    update nhis n set
      name = x.name, kind = x.kind, environment = x.environment, classification = x.classification,
      owner_id = x.owner_id, status = x.status, description = x.description, last_used_at = x.last_used_at,
      human_use_seen_at = x.human_use_seen_at, attributes = x.attributes, updated_at = now()
    from json_to_recordset(${nhiJson(rows)}::json) as ${NHI_RECORD}
    where n.id = x.id`);
  expectCount("identities", result.count, rows.length);
}

/** The credential columns an insert and an update both carry, keyed as json_to_recordset reads them. */
function credentialColumns(r: CredentialInsert | CredentialUpdate) {
  return {
    kind: r.kind,
    fingerprint: r.fingerprint,
    location: r.location,
    issued_at: r.issuedAt,
    last_rotated_at: r.lastRotatedAt,
    last_used_at: r.lastUsedAt,
    expires_at: r.expiresAt,
    status: r.status,
  };
}

async function insertCredentials(tx: Transaction, rows: CredentialInsert[]) {
  const json = JSON.stringify(
    rows.map((r) => ({ provider: r.provider, external_id: r.externalId, name: r.name, ...credentialColumns(r) })),
  );
  // Joined on (provider, external id) rather than carrying ids, so credentials
  // of identities created a statement earlier find them without a round trip.
  const result = await tx.execute(sql`
    insert into credentials (nhi_id, kind, name, fingerprint, location, issued_at, last_rotated_at, last_used_at,
                             expires_at, status, revoked_at, revoke_reason)
    select n.id, x.kind, x.name, x.fingerprint, x.location, coalesce(x.issued_at, now()), x.last_rotated_at,
           x.last_used_at, x.expires_at, x.status,
           case when x.status = 'revoked' then now() end,
           case when x.status = 'revoked' then ${REVOKED_AT_SOURCE} end
    from json_to_recordset(${json}::json) as x(provider provider, external_id text, kind credential_kind, name text,
         fingerprint text, location text, issued_at timestamptz, last_rotated_at timestamptz, last_used_at timestamptz,
         expires_at timestamptz, status credential_status)
    join nhis n on n.provider = x.provider and n.external_id = x.external_id`);
  expectCount("credentials", result.count, rows.length);
}

async function updateCredentials(tx: Transaction, rows: CredentialUpdate[]) {
  const json = JSON.stringify(
    rows.map((r) => ({ id: r.id, ...credentialColumns(r) })),
  );
  const result = await tx.execute(sql`
    update credentials c set
      kind = x.kind, fingerprint = x.fingerprint, location = x.location, issued_at = x.issued_at,
      last_rotated_at = x.last_rotated_at, last_used_at = x.last_used_at, expires_at = x.expires_at, status = x.status,
      revoked_at = case when x.status = 'revoked' and c.revoked_at is null then now() else c.revoked_at end,
      revoke_reason = case when x.status = 'revoked' and c.revoke_reason is null then ${REVOKED_AT_SOURCE} else c.revoke_reason end,
      updated_at = now()
    from json_to_recordset(${json}::json) as x(id uuid, kind credential_kind, fingerprint text, location text,
         issued_at timestamptz, last_rotated_at timestamptz, last_used_at timestamptz, expires_at timestamptz,
         status credential_status)
    where c.id = x.id`);
  expectCount("credentials", result.count, rows.length);
}

/** A short count means the stored state moved under the plan; failing rolls the whole import back. */
function expectCount(what: string, actual: number, expected: number) {
  if (actual !== expected) throw new Error(`Import wrote ${actual} of ${expected} ${what}; rolled back`);
}
