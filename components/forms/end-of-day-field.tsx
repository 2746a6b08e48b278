"use client";

import * as React from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const DAY_MS = 86_400_000;

/** The calendar day (UTC, YYYY-MM-DD) a whole number of days from now. */
const isoDayAhead = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The instant a chosen day ends (UTC), which is what time-boxed grants and
 * acceptances send: "until the 3rd" means all of the 3rd. Empty stays empty so
 * the schema reports the missing date.
 */
export const endOfDayIso = (day: string) => (day ? `${day}T23:59:59Z` : "");

export type EndOfDayFieldProps = {
  id: string;
  label: string;
  /** The chosen day as YYYY-MM-DD, or "" before one is chosen. */
  value: string;
  onChange: (day: string) => void;
  error?: string[];
  hint?: React.ReactNode;
  disabled?: boolean;
  required?: boolean;
  /** The earliest day offered, in days from today (0 = today). */
  minDaysAhead: number;
  /** The last day offered, in days from today; keep it inside the schema's limit. */
  maxDaysAhead: number;
};

/** A date picker for the last day something holds, bounded to the days the schema accepts. */
export function EndOfDayField({ id, label, value, onChange, error, hint, disabled, required, minDaysAhead, maxDaysAhead }: EndOfDayFieldProps) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint} required={required}>
      <Input
        type="date"
        min={isoDayAhead(minDaysAhead)}
        max={isoDayAhead(maxDaysAhead)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        className="w-auto"
      />
    </Field>
  );
}
