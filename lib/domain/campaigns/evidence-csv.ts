/**
 * CSV for spreadsheets that evaluate formulas: a cell beginning with = + - @
 * (or a tab / carriage return, which some spreadsheets strip before looking)
 * is prefixed with a single quote so it is shown, never executed (OWASP CSV
 * injection). Everything is then quoted per RFC 4180 where needed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: unknown): string {
  if (value == null) return "";
  const text = Array.isArray(value) ? value.join(" ") : value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: unknown): string {
  const text = neutraliseCell(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(",");
}
