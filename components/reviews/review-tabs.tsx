import * as React from "react";
import Link from "next/link";
import { cn, focusRing } from "@/lib/utils";

export type ReviewView = "mine" | "all";

const TABS: { view: ReviewView; label: string; href: string }[] = [
  { view: "mine", label: "My reviews", href: "/reviews" },
  { view: "all", label: "All open reviews", href: "/reviews?view=all" },
];

/** Identity owners own the cadence and auditors read it: they can switch to every open item. */
export function ReviewTabs({ current }: { current: ReviewView }) {
  return (
    <nav aria-label="Review lists" className="mb-4 border-b border-border">
      <ul className="-mb-px flex flex-wrap gap-1">
        {TABS.map((t) => {
          const active = t.view === current;
          return (
            <li key={t.view}>
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
