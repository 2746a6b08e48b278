import * as React from "react";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { type DateInput, formatDateTime, formatRelative } from "@/lib/utils";
import type { Risk } from "./types";

const DAY_MS = 86_400_000;
const SOON_DAYS = 14;

export const RISK_VARIANT: Record<Risk, BadgeVariant> = { high: "danger", medium: "warning", low: "neutral" };
const RISK_LABEL: Record<Risk, string> = { high: "High risk", medium: "Medium risk", low: "Low risk" };

export function RiskBadge({ risk }: { risk: Risk }) {
  return <Badge variant={RISK_VARIANT[risk]}>{RISK_LABEL[risk]}</Badge>;
}

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "in 3 days" (warning when soon), "Expired" or "Never expires"; the exact UTC time is in the title. */
export function ExpiryBadge({ at, now, never = "Never expires" }: { at: DateInput; now: Date; never?: string }) {
  const d = toDate(at);
  if (!d) return <Badge variant="outline">{never}</Badge>;
  const left = d.getTime() - now.getTime();
  const variant: BadgeVariant = left <= 0 ? "danger" : left < SOON_DAYS * DAY_MS ? "warning" : "neutral";
  return (
    <Badge variant={variant} title={formatDateTime(d)}>
      <time dateTime={d.toISOString()}>{left <= 0 ? "Expired" : formatRelative(d, now)}</time>
    </Badge>
  );
}

/** When the access is next reviewed; overdue reviews are called out. */
export function NextReview({ at, now }: { at: DateInput; now: Date }) {
  const d = toDate(at);
  if (!d) return <span className="text-muted-foreground">Not scheduled</span>;
  const overdue = d.getTime() <= now.getTime();
  return (
    <time dateTime={d.toISOString()} title={formatDateTime(d)} className={overdue ? "font-medium text-danger" : undefined}>
      {overdue ? `Overdue (${formatRelative(d, now)})` : formatRelative(d, now)}
    </time>
  );
}

export type SharedSectionProps = {
  id: string;
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
};

/** One section of the shared view: an h2 the page outline and the tests can find, then the content. */
export function SharedSection({ id, title, description, actions, children }: SharedSectionProps) {
  return (
    <section aria-labelledby={`${id}-heading`} className="grid gap-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="space-y-1">
          <h2 id={`${id}-heading`} className="text-lg font-semibold tracking-tight">
            {title}
          </h2>
          {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
