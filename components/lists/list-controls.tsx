import * as React from "react";
import Link from "next/link";
import { CircleExclamationPoint } from "lucide-react";
import type { ZodType, z } from "zod";
import { cn } from "@/lib/utils";
import type { Page } from "@/lib/validation/common";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";

// Shared by the audit trail and the catalogue list pages: GET filter forms and keyset pagination.

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of each named parameter, "" treated as absent. */
export function pickParams<K extends string>(params: SearchParams, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const raw = params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value !== "") out[key] = value;
  }
  return out;
}

/** decodeCursor throws this when a page link was edited or outlived its sort key. */
export function isInvalidCursor(error: unknown): boolean {
  return typeof error === "object" && error !== null && "invalidCursor" in error;
}

export type LoadedList<T> =
  | { ok: true; items: T[]; nextCursor: string | null; fieldErrors: Record<string, string[]> }
  | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/**
 * Parses the URL with the list's zod schema and loads one page. Bad filters and
 * stale cursors come back as messages to show inline, never as a crashed page.
 */
export async function loadList<S extends ZodType, T>(
  schema: S,
  raw: unknown,
  load: (query: z.infer<S>) => Promise<Page<T>>,
): Promise<LoadedList<T>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    const general = Object.entries(fieldErrors)
      .filter(([key]) => key === "limit" || key === "cursor" || key === "form")
      .map(([key, messages]) => `${key}: ${messages.join(", ")}`);
    return { ok: false, fieldErrors, message: ["Correct the highlighted filters to see results.", ...general].join(" ") };
  }
  try {
    return { ok: true, fieldErrors: {}, ...(await load(parsed.data)) };
  } catch (error) {
    if (!isInvalidCursor(error)) throw error;
    return { ok: false, fieldErrors: {}, message: "This page link is no longer valid. Start again from the first page." };
  }
}

/** An em dash for "no value", with words for screen readers. */
export function Dash({ label }: { label: string }) {
  return (
    <span className="text-muted-foreground">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** An accountable owner; missing or deactivated owners are a risk, not a blank (DESIGN invariant 6). */
export function OwnerName({ owner }: { owner: { name: string; active: boolean } | null }) {
  if (owner?.active) return <span className="whitespace-nowrap">{owner.name}</span>;
  return (
    <span className="grid justify-items-start gap-0.5">
      <Badge variant="danger">Ownerless</Badge>
      {owner ? <span className="text-xs whitespace-nowrap text-muted-foreground">{owner.name} (deactivated)</span> : null}
    </span>
  );
}

/** "service_account" → "Service account". */
export function humanize(value: string): string {
  const text = value.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function InlineAlert({ title, children, className }: { title: string; children?: React.ReactNode; className?: string }) {
  return (
    <div role="alert" className={cn("flex gap-2.5 rounded-lg border border-danger/30 bg-danger/10 px-4 py-3 text-sm text-danger", className)}>
      <CircleExclamationPoint aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="grid gap-1">
        <p className="font-medium">{title}</p>
        {children ? <div className="text-foreground">{children}</div> : null}
      </div>
    </div>
  );
}

export type FilterFormProps = {
  /** Names the search landmark, e.g. "Filter workflows". */
  label: string;
  pathname: string;
  /** Whether any filter is applied, to offer a way back to the full list. */
  active: boolean;
  className?: string;
  children: React.ReactNode;
};

/** A plain GET form so a filtered list is a shareable URL and works without JavaScript. */
export function FilterForm({ label, pathname, active, className, children }: FilterFormProps) {
  return (
    <form method="get" action={pathname} role="search" aria-label={label} className={cn("no-print mb-4 flex flex-wrap items-end gap-3", className)}>
      {children}
      <div className="flex items-center gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {active ? (
          <Link href={pathname} className={buttonVariants({ variant: "ghost" })}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}

const FIRST_PAGE = "~";
const HISTORY_SEPARATOR = ".";
// Each entry is one cursor (~100 characters); beyond this "Previous" falls back to the first page.
const MAX_HISTORY = 25;

export type CursorPaginationProps = {
  pathname: string;
  /** The applied filters, carried into every page link. */
  filters: Record<string, string | undefined>;
  cursor?: string;
  /** The `prev` parameter: the cursors of the pages before this one. */
  history?: string;
  nextCursor: string | null;
};

/**
 * Keyset cursors only go forward, so the links carry the trail of earlier
 * cursors (`prev`) to make "Previous" possible without OFFSET.
 */
export function CursorPagination({ pathname, filters, cursor, history, nextCursor }: CursorPaginationProps) {
  const trail = history ? history.split(HISTORY_SEPARATOR).filter(Boolean) : [];
  const href = (pageCursor: string | undefined, pageTrail: string[]) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (pageCursor && pageCursor !== FIRST_PAGE) params.set("cursor", pageCursor);
    if (pageTrail.length) params.set("prev", pageTrail.join(HISTORY_SEPARATOR));
    const query = params.toString();
    return query ? `${pathname}?${query}` : pathname;
  };

  const nextHref = nextCursor ? href(nextCursor, [...trail, cursor ?? FIRST_PAGE].slice(-MAX_HISTORY)) : null;
  const prevHref = cursor ? href(trail.at(-1), trail.slice(0, -1)) : null;
  return <Pagination nextHref={nextHref} prevHref={prevHref} />;
}
