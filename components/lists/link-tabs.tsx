import * as React from "react";
import Link from "next/link";
import { cn, focusRing } from "@/lib/utils";

export type LinkTab<K extends string> = { key: K; label: string; href: string };

/**
 * Plain links styled as tabs: each list is its own URL, so it can be
 * bookmarked and shared, and the current one is marked as the page.
 */
export function LinkTabs<K extends string>({ label, tabs, current }: { label: string; tabs: readonly LinkTab<K>[]; current: K }) {
  return (
    <nav aria-label={label} className="mb-4 border-b border-border">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((t) => {
          const active = t.key === current;
          return (
            <li key={t.key}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex h-9 items-center rounded-t-md border-b-2 px-3 text-sm font-medium transition-colors",
                  active ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                  focusRing,
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
