import { CLASSIFICATIONS, ENVIRONMENTS, NHI_KINDS, NHI_STATUSES, PROVIDERS } from "@/db/schema/enums";
import { CSV_OPTIONAL_COLUMNS, CSV_REQUIRED_COLUMNS } from "@/lib/validation/import";
import type { ImportRow, ParseResult } from "../types";
import { type CsvRecord, RowError, clip, collectRows, indexHeader, oneOf, optionalTimestamp, readCsvRecords } from "./shared";

type Column = (typeof CSV_REQUIRED_COLUMNS)[number] | (typeof CSV_OPTIONAL_COLUMNS)[number];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LIMITS = { external_id: 1000, name: 200, description: 2000, owner_email: 320 } as const;

/**
 * Parses the Countersign inventory CSV. Owner e-mails are checked for shape
 * here; whether they name an active user is decided against the database
 * when the import is planned.
 */
export function parseInventoryCsv(text: string): ParseResult {
  const [header, ...records] = readCsvRecords(text);
  const index = indexHeader<Column>(header?.cells, {
    required: CSV_REQUIRED_COLUMNS,
    optional: CSV_OPTIONAL_COLUMNS,
    strict: true,
  });
  const width = header!.cells.length;
  const items = records.map((r) => ({ line: r.line, item: r }));
  return collectRows(items, (record) => mapRecord(record, index, width));
}

function mapRecord({ line, cells }: CsvRecord, index: Record<Column, number>, width: number): ImportRow {
  if (cells.length !== width) throw new RowError(`expected ${width} columns, found ${cells.length}`);
  const cell = (c: Column) => (index[c] >= 0 ? (cells[index[c]] ?? "") : "");
  const required = (c: Column) => {
    const value = cell(c);
    if (!value) throw new RowError(`${c}: is required`);
    return value;
  };
  const bounded = (c: keyof typeof LIMITS, value: string) => {
    if (value.length > LIMITS[c]) throw new RowError(`${c}: must be at most ${LIMITS[c]} characters`);
    return value;
  };

  const ownerEmail = cell("owner_email");
  if (ownerEmail && !EMAIL.test(ownerEmail)) throw new RowError(`owner_email: "${clip(ownerEmail)}" is not an e-mail address`);
  const classification = cell("classification");
  const status = cell("status");
  const description = cell("description");

  return {
    line,
    provider: oneOf(required("provider"), PROVIDERS, "provider"),
    externalId: bounded("external_id", required("external_id")),
    name: bounded("name", required("name")),
    kind: oneOf(required("kind"), NHI_KINDS, "kind"),
    environment: oneOf(required("environment"), ENVIRONMENTS, "environment"),
    classification: classification ? oneOf(classification, CLASSIFICATIONS, "classification") : null,
    ownerEmail: ownerEmail ? bounded("owner_email", ownerEmail.toLowerCase()) : null,
    status: status ? oneOf(status, NHI_STATUSES, "status") : null,
    description: description ? bounded("description", description) : null,
    lastUsedAt: optionalTimestamp(cell("last_used_at"), "last_used_at"),
    humanUseSeenAt: null,
    attributes: {},
    credentials: [],
  };
}
