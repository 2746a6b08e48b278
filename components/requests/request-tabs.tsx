import * as React from "react";
import Link from "next/link";
import { cn, focusRing } from "@/lib/utils";

export type RequestTab = "mine" | "requested" | "all";

export const REQUEST_TAB_QUERY: Record<RequestTab, { inbox?: "mine" | "requested"; status?: "pending" }> = {
  mine: { inbox: "mine" },
  requested: { inbox: "requested" },
  all: { status: "pending" },
};

const TABS: { tab: RequestTab; label: string; href: string }[] = [
  { tab: "mine", label: "Waiting for me", href: "/requests" },
  { tab: "requested", label: "My requests", href: "/requests?inbox=requested" },
  { tab: "all", label: "All pending", href: "/requests?status=pending" },
];

/** Plain links styled as tabs: each list is its own URL, so it can be bookmarked and shared. */
export function RequestTabs({ current, showAll }: { current: RequestTab; showAll: boolean }) {
  return (
    <nav aria-label="Request lists" className="mb-4 border-b border-border">
      <ul className="-mb-px flex flex-wrap gap-1">
        {TABS.filter((t) => showAll || t.tab !== "all").map((t) => {
          const active = t.tab === current;
          return (
            <li key={t.tab}>
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
