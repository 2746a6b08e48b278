import type { ImportCredential, ImportRow, ParseResult } from "../types";
import { type CsvRecord, RowError, clip, collectRows, indexHeader, latest, parseTimestamp, readCsvRecords } from "./shared";

/**
 * The columns of `aws iam get-credential-report` this import reads. AWS may
 * add columns over time, so extra ones are ignored rather than refused.
 */
export const AWS_REQUIRED_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;
type Column = (typeof AWS_REQUIRED_COLUMNS)[number];

/** The report's ways of saying "no value" (never used, not applicable, before tracking began). */
const ABSENT = new Set(["", "n/a", "not_supported", "no_information"]);
const IAM_USER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:user\/\S+$/;

export function parseAwsCredentialReport(text: string): ParseResult {
  const [header, ...records] = readCsvRecords(text);
  const index = indexHeader<Column>(header?.cells, { required: AWS_REQUIRED_COLUMNS, strict: false });
  const width = header!.cells.length;
  return collectRows(
    records.map((r) => ({ line: r.line, item: r })),
    (record) => mapUser(record, index, width),
  );
}

function mapUser({ line, cells }: CsvRecord, index: Record<Column, number>, width: number): ImportRow {
  if (cells.length !== width) throw new RowError(`expected ${width} columns, found ${cells.length}`);
  const cell = (c: Column) => cells[index[c]] ?? "";
  const date = (c: Column) => (ABSENT.has(cell(c).toLowerCase()) ? null : parseTimestamp(cell(c), c));
  const flag = (c: Column) => {
    const value = cell(c).toLowerCase();
    if (value === "true" || value === "false") return value === "true";
    if (ABSENT.has(value)) return null;
    throw new RowError(`${c}: "${clip(value)}" is not true or false`);
  };

  const user = cell("user");
  if (user === "<root_account>") throw new RowError("root account is not an NHI");
  if (!user) throw new RowError("user: is required");
  const arn = cell("arn");
  if (!IAM_USER_ARN.test(arn)) throw new RowError(`arn: "${clip(arn)}" is not an IAM user ARN`);

  const passwordLastUsed = date("password_last_used");
  const credentials: ImportCredential[] = [];
  for (const n of [1, 2] as const) {
    const rotated = date(`access_key_${n}_last_rotated`);
    if (!rotated) continue; // the key slot is empty
    credentials.push(credential("api_key", `access_key_${n}`, arn, rotated, flag(`access_key_${n}_active`), date(`access_key_${n}_last_used_date`)));
  }
  for (const n of [1, 2] as const) {
    const rotated = date(`cert_${n}_last_rotated`);
    if (rotated) credentials.push(credential("certificate", `cert_${n}`, arn, rotated, flag(`cert_${n}_active`), null));
  }
  const createdAt = date("user_creation_time");

  return {
    line,
    provider: "aws",
    externalId: arn,
    name: user,
    kind: null,
    environment: null,
    classification: null,
    ownerEmail: null,
    status: null,
    description: null,
    lastUsedAt: latest(passwordLastUsed, ...credentials.map((c) => c.lastUsedAt)),
    // A console sign-in is a person using the identity (OWASP NHI10), even if the
    // password has since been disabled: the report still remembers when it happened.
    humanUseSeenAt: passwordLastUsed,
    attributes: {
      passwordEnabled: flag("password_enabled") === true,
      mfaActive: flag("mfa_active") === true,
      ...(createdAt ? { userCreatedAt: createdAt.toISOString() } : {}),
    },
    credentials,
  };
}

function credential(
  kind: "api_key" | "certificate",
  name: string,
  arn: string,
  rotated: Date,
  active: boolean | null,
  lastUsedAt: Date | null,
): ImportCredential {
  return {
    kind,
    name,
    fingerprint: null,
    location: arn,
    issuedAt: rotated,
    lastRotatedAt: rotated,
    lastUsedAt,
    expiresAt: null,
    // An inactive key still exists in IAM and can be re-activated, but it cannot authenticate now.
    status: active === true ? "active" : "revoked",
  };
}
