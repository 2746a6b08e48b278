import { latest } from "./formats/shared";
import {
  type ExistingCredential,
  type ExistingNhi,
  type Owner,
  credentialKey,
  identityKey,
} from "./load-existing";
import {
  type Environment,
  type ImportCredential,
  type ImportResult,
  type ImportRow,
  type ParseResult,
  type Rejection,
  SAMPLE_SIZE,
} from "./types";

/** The full column values an identity will have after the import (merged with what is stored); `id` only for updates. */
export type NhiWrite = Omit<ExistingNhi, "id">;
export type NhiUpdate = NhiWrite & { id: string };

/** A credential to create; it finds its identity by (provider, external id) when written. */
export type CredentialInsert = Omit<ImportCredential, "issuedAt"> & { provider: string; externalId: string; issuedAt: Date | null };
export type CredentialUpdate = Omit<ExistingCredential, "nhiId" | "name">;

export type ImportPlan = {
  nhiInserts: NhiWrite[];
  nhiUpdates: NhiUpdate[];
  credentialInserts: CredentialInsert[];
  credentialUpdates: CredentialUpdate[];
  summary: Omit<ImportResult, "format" | "dryRun">;
};

export type StoredState = { nhis: Map<string, ExistingNhi>; credentials: Map<string, ExistingCredential>; owners: Map<string, Owner> };

const NHI_FIELDS = ["name", "kind", "environment", "classification", "ownerId", "status", "description", "lastUsedAt", "humanUseSeenAt", "attributes"] as const;
const CREDENTIAL_FIELDS = ["kind", "fingerprint", "location", "issuedAt", "lastRotatedAt", "lastUsedAt", "expiresAt", "status"] as const;

/**
 * Decides, row by row, what the import would do to the stored inventory. Pure,
 * so the dry-run preview and the apply are the same computation and cannot
 * disagree about what is created, updated or left alone.
 */
export function planImport(parsed: ParseResult, stored: StoredState, defaultEnvironment: Environment): ImportPlan {
  const rejected: Rejection[] = [...parsed.rejected];
  const plan: ImportPlan = {
    nhiInserts: [],
    nhiUpdates: [],
    credentialInserts: [],
    credentialUpdates: [],
    summary: { totals: { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, credentialsCreated: 0, credentialsUpdated: 0 }, created: [], updated: [], rejected },
  };
  const { totals } = plan.summary;

  for (const row of parsed.rows) {
    const owner = row.ownerEmail ? stored.owners.get(row.ownerEmail) : undefined;
    if (row.ownerEmail && !owner) {
      rejected.push({ line: row.line, reason: `owner_email: no user with the e-mail ${row.ownerEmail}` });
      continue;
    }
    if (owner && !owner.active) {
      rejected.push({ line: row.line, reason: `owner_email: ${row.ownerEmail} is deactivated and cannot own an identity` });
      continue;
    }
    const existing = stored.nhis.get(identityKey(row.provider, row.externalId));
    const target = mergeNhi(row, existing, owner?.id ?? null, defaultEnvironment);
    const changes = existing ? NHI_FIELDS.filter((f) => !same(existing[f], target[f])) : [];
    const credentialChanges = planCredentials(row, existing, stored.credentials, plan);
    const sample = { provider: row.provider, externalId: row.externalId, name: row.name };

    if (!existing) {
      totals.created += 1;
      plan.nhiInserts.push(target);
      if (plan.summary.created.length < SAMPLE_SIZE) plan.summary.created.push(sample);
    } else if (changes.length > 0 || credentialChanges > 0) {
      totals.updated += 1;
      if (changes.length > 0) plan.nhiUpdates.push({ ...target, id: existing.id });
      if (plan.summary.updated.length < SAMPLE_SIZE) {
        plan.summary.updated.push({ ...sample, changes: credentialChanges > 0 ? [...changes, "credentials"] : changes });
      }
    } else {
      totals.unchanged += 1;
    }
  }

  rejected.sort((a, b) => a.line - b.line);
  totals.rejected = rejected.length;
  totals.rows = parsed.rows.length + parsed.rejected.length;
  totals.credentialsCreated = plan.credentialInserts.length;
  totals.credentialsUpdated = plan.credentialUpdates.length;
  return plan;
}

/** Fields the source does not know keep their stored value; "last seen" dates only move forward. */
function mergeNhi(row: ImportRow, existing: ExistingNhi | undefined, ownerId: string | null, defaultEnvironment: Environment): NhiWrite {
  return {
    provider: row.provider,
    externalId: row.externalId,
    name: row.name,
    kind: row.kind ?? existing?.kind ?? "service_account",
    environment: row.environment ?? existing?.environment ?? defaultEnvironment,
    classification: row.classification ?? existing?.classification ?? "utility",
    ownerId: ownerId ?? existing?.ownerId ?? null,
    status: row.status ?? existing?.status ?? "active",
    description: row.description ?? existing?.description ?? "",
    lastUsedAt: latest(existing?.lastUsedAt ?? null, row.lastUsedAt),
    humanUseSeenAt: latest(existing?.humanUseSeenAt ?? null, row.humanUseSeenAt),
    attributes: { ...existing?.attributes, ...row.attributes },
  };
}

/** Adds the row's credential writes to the plan; answers how many there are. */
function planCredentials(row: ImportRow, existing: ExistingNhi | undefined, stored: Map<string, ExistingCredential>, plan: ImportPlan): number {
  let writes = 0;
  const seen = new Set<string>();
  for (const credential of row.credentials) {
    if (seen.has(credential.name)) continue; // a source listing one secret twice still has one secret
    seen.add(credential.name);
    const current = existing ? stored.get(credentialKey(existing.id, credential.name)) : undefined;
    if (!current) {
      plan.credentialInserts.push({ ...credential, provider: row.provider, externalId: row.externalId });
      writes += 1;
      continue;
    }
    const target: CredentialUpdate = {
      id: current.id,
      kind: credential.kind,
      fingerprint: credential.fingerprint ?? current.fingerprint,
      location: credential.location ?? current.location,
      issuedAt: credential.issuedAt ?? current.issuedAt,
      lastRotatedAt: credential.lastRotatedAt ?? current.lastRotatedAt,
      lastUsedAt: latest(current.lastUsedAt, credential.lastUsedAt),
      expiresAt: credential.expiresAt ?? current.expiresAt,
      // The source is the truth about whether a secret works right now: a key
      // revoked here but still active in the cloud must show as active.
      status: credential.status,
    };
    if (CREDENTIAL_FIELDS.some((f) => !same(current[f], target[f]))) {
      plan.credentialUpdates.push(target);
      writes += 1;
    }
  }
  return writes;
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a && b && typeof a === "object" && typeof b === "object") return canonical(a) === canonical(b);
  return a === b;
}

/** JSON with sorted keys, so attribute objects compare by content and not key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v,
  );
}
