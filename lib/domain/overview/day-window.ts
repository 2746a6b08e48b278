import { AppError } from "@/lib/errors";

const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_WINDOW_DAYS = 366;

/** A calendar day in UTC as YYYY-MM-DD: charts bucket by UTC days so every viewer sees the same numbers. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The last `days` UTC days ending with the day of `now` (inclusive). Bounded so
 * a chart query can never scan an unbounded history.
 */
export function dayWindow(now: Date, days: number): { start: string; today: string } {
  if (!Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS) {
    throw AppError.invalid("days", `must be a whole number between 1 and ${MAX_WINDOW_DAYS}`);
  }
  const today = utcDay(now);
  return { start: utcDay(new Date(Date.parse(today) - (days - 1) * DAY_MS)), today };
}
