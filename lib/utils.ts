import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]): string {
  return twMerge(clsx(inputs));
}

export type DateInput = Date | string | number | null | undefined;

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-11-28 14:03 UTC"; "—" when there is no date. Always UTC so audit evidence reads the same everywhere. */
export function formatDateTime(value: DateInput): string {
  const d = toDate(value);
  if (!d) return "—";
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`
  );
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: ReadonlyArray<{ name: string; ms: number; below: number }> = [
  { name: "minute", ms: MINUTE, below: HOUR },
  { name: "hour", ms: HOUR, below: DAY },
  { name: "day", ms: DAY, below: 30 * DAY },
  { name: "month", ms: 30 * DAY, below: 365 * DAY },
  { name: "year", ms: 365 * DAY, below: Number.POSITIVE_INFINITY },
];

/** "in 3 days", "5 hours ago", "just now"; "never" when there is no date. */
export function formatRelative(value: DateInput, now: Date = new Date()): string {
  const d = toDate(value);
  if (!d) return "never";
  const diff = d.getTime() - now.getTime();
  const abs = Math.abs(diff);
  if (abs < 45_000) return "just now";

  const unit = UNITS.find((u) => abs < u.below) ?? UNITS[UNITS.length - 1]!;
  const count = Math.max(1, Math.floor(abs / unit.ms));
  const phrase = `${count} ${unit.name}${count === 1 ? "" : "s"}`;
  return diff > 0 ? `in ${phrase}` : `${phrase} ago`;
}

/** Whole days since `value`, e.g. "42 d"; "—" when there is no date. */
export function formatAge(value: DateInput, now: Date = new Date()): string {
  const d = toDate(value);
  if (!d) return "—";
  const days = Math.max(0, Math.floor((now.getTime() - d.getTime()) / DAY));
  return `${days} d`;
}

/** The one focus treatment every interactive primitive shares. */
export const focusRing =
  "focus-visible:outline-hidden focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background";
