import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import type { ImportRow, ParseResult, Rejection } from "../types";

/** Thrown by the row mappers; becomes a rejection of that row, never of the file. */
export class RowError extends Error {}

export type CsvRecord = { line: number; cells: string[] };

/**
 * Splits a CSV file into records, each with the line it starts on (line 1 is
 * the header). A quoting error is a whole-file 422: past an unclosed quote
 * nobody can tell where the following records start, and guessing would drop
 * or merge good rows silently.
 */
export function readCsvRecords(text: string): CsvRecord[] {
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      trim: true,
      // Empty lines come through as [""] and are skipped below, so line numbers stay exact
      // without csv-parse's per-record info objects (about a quarter of its run time at 100k rows).
      skip_empty_lines: false,
      relax_column_count: true,
      // Tolerates a stray quote inside an unquoted value (`O"Brien`), which real exports contain.
      relax_quotes: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === "number" ? error.lines : undefined;
      const where = line ? `line ${line}` : "file";
      throw new AppError("validation", `The CSV is malformed at ${where}: ${error.message.split(":")[0]}`, [
        { path: where, message: error.message },
      ]);
    }
    throw error;
  }
  const records: CsvRecord[] = [];
  let line = 1;
  for (const cells of rows) {
    const start = line;
    line += 1;
    for (const cell of cells) if (cell.includes("\n")) line += cell.split("\n").length - 1;
    if (cells.length === 1 && cells[0] === "") continue;
    records.push({ line: start, cells });
  }
  return records;
}

/**
 * Maps header names to positions and refuses the file when a required column
 * is missing, or, when `strict`, when a column is unknown: a typo like
 * `enviroment` must not silently drop a column.
 */
export function indexHeader<C extends string>(
  header: string[] | undefined,
  spec: { required: readonly C[]; optional?: readonly C[]; strict: boolean },
): Record<C, number> {
  if (!header) throw new AppError("validation", "The file is empty: expected a header line", [{ path: "header", message: "is missing" }]);
  const names = header.map((h) => h.trim().toLowerCase());
  const index = {} as Record<C, number>;
  for (const column of [...spec.required, ...(spec.optional ?? [])]) index[column] = names.indexOf(column);
  const missing = spec.required.filter((c) => index[c] < 0);
  const allowed = new Set<string>([...spec.required, ...(spec.optional ?? [])]);
  const unknown = spec.strict ? names.filter((n) => !allowed.has(n)) : [];
  const errors = [
    ...missing.map((c) => ({ path: `header.${c}`, message: "required column is missing" })),
    ...unknown.map((c) => ({ path: `header.${c || "(empty)"}`, message: "unknown column" })),
  ];
  if (errors.length > 0) {
    const parts = [
      missing.length ? `missing required columns: ${missing.join(", ")}` : "",
      unknown.length ? `unknown columns: ${unknown.map((u) => u || "(empty)").join(", ")}` : "",
    ].filter(Boolean);
    throw new AppError("validation", `Wrong header: ${parts.join("; ")}`, errors);
  }
  return index;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2}))?$/;

/**
 * RFC 3339 date-time (or a bare full-date, taken as midnight UTC). Refuses
 * impossible calendar values that `Date.parse` would silently roll over.
 */
export function parseTimestamp(value: string, column: string): Date {
  const m = DATE_TIME.exec(value);
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = m ?? [];
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  const valid =
    m !== null && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && Number(h) < 24 && Number(mi) < 60 && Number(s) < 60;
  const date = valid ? new Date(m[4] ? value.replace(/[ t]/, "T").replace(/z$/, "Z") : `${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) throw new RowError(`${column}: "${clip(value)}" is not an RFC 3339 date-time`);
  return date;
}

export function optionalTimestamp(value: string | undefined, column: string): Date | null {
  return value ? parseTimestamp(value, column) : null;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], column: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RowError(`${column}: "${clip(value)}" is not one of ${allowed.join(", ")}`);
}

export function latest(...dates: (Date | null)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best;
}

/** Quotes a cell in a message without echoing a whole (possibly secret-bearing) value. */
export function clip(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * Runs a mapper over every item, collecting rejections instead of stopping,
 * then rejects later duplicates of an identity: two rows for one
 * (provider, external id) would make the result depend on row order.
 */
export function collectRows<T>(items: Iterable<{ line: number; item: T }>, map: (item: T, line: number) => ImportRow): ParseResult {
  const rows: ImportRow[] = [];
  const rejected: Rejection[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, item } of items) {
    let row: ImportRow;
    try {
      row = map(item, line);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      rejected.push({ line, reason: error.message });
      continue;
    }
    const key = `${row.provider}\u0000${row.externalId}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      rejected.push({ line, reason: `duplicate of line ${first} (${row.provider} ${clip(row.externalId)})` });
      continue;
    }
    firstLine.set(key, line);
    rows.push(row);
  }
  return { rows, rejected };
}
