import Link from "next/link";
import { cn, focusRing } from "@/lib/utils";
import type { DeliveryStatus } from "./hook-meta";

const TABS: ReadonlyArray<{ label: string; status?: DeliveryStatus }> = [
  { label: "All" },
  { label: "Pending", status: "pending" },
  { label: "Succeeded", status: "succeeded" },
  { label: "Failed", status: "failed" },
];

/** Plain links, so each filter is a shareable URL and starts again from the first page. */
export function DeliveryStatusTabs({ hookId, current }: { hookId: string; current?: string }) {
  return (
    <nav aria-label="Filter deliveries by status" className="no-print mb-4">
      <ul className="inline-flex flex-wrap gap-1 rounded-lg border border-border bg-muted p-1">
        {TABS.map((tab) => {
          const selected = (tab.status ?? undefined) === (current || undefined);
          return (
            <li key={tab.label}>
              <Link
                href={tab.status ? `/settings/hooks/${hookId}?status=${tab.status}` : `/settings/hooks/${hookId}`}
                aria-current={selected ? "page" : undefined}
                className={cn(
                  "inline-flex h-8 items-center rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground",
                  selected && "bg-card text-foreground shadow-xs",
                  focusRing,
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
