import * as React from "react";
import Link from "next/link";
import { cn, focusRing } from "@/lib/utils";

/** Colours for a headline number; the tile's value here and the figures beside a chart share them. */
export const VALUE_TONES = {
  neutral: "text-foreground",
  success: "text-success",
  warning: "text-warning",
  danger: "text-danger",
  info: "text-info",
} as const;

export type ValueTone = keyof typeof VALUE_TONES;

export type StatProps = {
  label: React.ReactNode;
  value: React.ReactNode;
  hint?: React.ReactNode;
  /** Colours the value, e.g. "danger" for overdue reviews. */
  tone?: ValueTone;
  /** Makes the whole tile a link to the list behind the number. */
  href?: string;
  className?: string;
};

export function Stat({ label, value, hint, tone = "neutral", href, className }: StatProps) {
  const body = (
    <dl className="grid gap-1">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className={cn("text-2xl leading-tight font-semibold tabular-nums tracking-tight", VALUE_TONES[tone])}>
        {value}
      </dd>
      {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
    </dl>
  );
  const tile = "block rounded-lg border border-border bg-card px-4 py-3 text-card-foreground shadow-xs";

  if (href) {
    return (
      <Link href={href} className={cn(tile, "transition-colors hover:border-input hover:bg-accent/40", focusRing, className)}>
        {body}
      </Link>
    );
  }
  return <div className={cn(tile, className)}>{body}</div>;
}
