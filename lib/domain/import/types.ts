import type {
  CLASSIFICATIONS,
  CREDENTIAL_KINDS,
  ENVIRONMENTS,
  NHI_KINDS,
  NHI_STATUSES,
  PROVIDERS,
} from "@/db/schema/enums";

export type Provider = (typeof PROVIDERS)[number];
export type NhiKind = (typeof NHI_KINDS)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
export type Classification = (typeof CLASSIFICATIONS)[number];
export type NhiStatus = (typeof NHI_STATUSES)[number];
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/**
 * One credential as a source reports it. `name` is stable per identity across
 * imports (`access_key_1`, a secret name), so it is the upsert key together
 * with the identity.
 */
export type ImportCredential = {
  kind: CredentialKind;
  name: string;
  fingerprint: string | null;
  location: string | null;
  /** `null` when the source does not say; a new credential then counts from the import. */
  issuedAt: Date | null;
  lastRotatedAt: Date | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  status: "active" | "revoked";
};

/**
 * One identity as a source reports it. A `null` field is one the source does
 * not know: an update leaves the stored value alone and an insert takes the
 * column default, so an import never wipes what people curated by hand.
 */
export type ImportRow = {
  /** Where the row came from, for rejections found after parsing (line, or item number for JSON). */
  line: number;
  provider: Provider;
  externalId: string;
  name: string;
  /** `null` when the source cannot tell (an IAM user may run an agent): new identities become service accounts. */
  kind: NhiKind | null;
  /** `null` when the file does not say: new identities take the import's default, stored ones keep theirs. */
  environment: Environment | null;
  classification: Classification | null;
  ownerEmail: string | null;
  status: NhiStatus | null;
  description: string | null;
  lastUsedAt: Date | null;
  humanUseSeenAt: Date | null;
  /** Merged key by key into the stored attributes. */
  attributes: Record<string, unknown>;
  credentials: ImportCredential[];
};

export type Rejection = { line: number; reason: string };

export type ParseResult = { rows: ImportRow[]; rejected: Rejection[] };


export type ImportSample = { provider: Provider; externalId: string; name: string };
export type UpdatedSample = ImportSample & { changes: string[] };

export type ImportTotals = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  credentialsCreated: number;
  credentialsUpdated: number;
};

export type ImportResult = {
  format: string;
  dryRun: boolean;
  totals: ImportTotals;
  /** The first SAMPLE_SIZE of each, so a 100k-row preview stays small. */
  created: ImportSample[];
  updated: UpdatedSample[];
  /** Every rejected row, in file order. */
  rejected: Rejection[];
};

export const SAMPLE_SIZE = 100;
