import type { ReactNode } from "react";
import Link from "next/link";
import { ClipboardCheck } from "lucide-react";
import type { ReviewCompletion, ReviewCounts } from "@/lib/domain/overview/get-review-completion";
import { cn, focusRing, formatDateTime, formatRelative } from "@/lib/utils";
import { ChartCard, Figures } from "./chart-card";

// Done first (decided, then closed without a decision), then what is still open, most urgent last.
const SEGMENTS: { key: keyof ReviewCounts; label: string; className: string }[] = [
  { key: "decided", label: "Decided", className: "bg-success" },
  { key: "closed", label: "Closed", className: "bg-muted-foreground/60" },
  { key: "pending", label: "Pending", className: "bg-info/70" },
  { key: "overdue", label: "Overdue", className: "bg-danger" },
];

const sum = (c: ReviewCounts) => c.decided + c.closed + c.pending + c.overdue;

function describe(name: string, c: ReviewCounts) {
  const total = sum(c);
  const done = c.decided + c.closed;
  return `${name}: ${done} of ${total} review items done (${total ? Math.round((done / total) * 100) : 0}%), ${c.decided} decided, ${c.closed} closed, ${c.pending} pending, ${c.overdue} overdue`;
}

function CompletionBar({ name, counts, detail }: { name: string; counts: ReviewCounts; detail?: ReactNode }) {
  const total = sum(counts);
  const done = counts.decided + counts.closed;
  const label = describe(name, counts);
  return (
    <li className="grid gap-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="font-medium">{name}</span>
        <span className="text-xs text-muted-foreground tabular-nums">
          {/* Items, not grants: a two-stage campaign has up to two items per grant (its own page counts grants). */}
          {done.toLocaleString("en")} / {total.toLocaleString("en")} items done
          {counts.overdue > 0 ? <span className="text-danger"> · {counts.overdue.toLocaleString("en")} overdue</span> : null}
          {detail ? <> · {detail}</> : null}
        </span>
      </div>
      <div role="img" aria-label={label} className="flex h-2.5 w-full overflow-hidden rounded-full bg-muted">
        {total > 0
          ? SEGMENTS.map((s) =>
              counts[s.key] > 0 ? (
                <div key={s.key} className={s.className} style={{ width: `${(counts[s.key] / total) * 100}%` }} />
              ) : null,
            )
          : null}
      </div>
    </li>
  );
}

export function ReviewCompletionCard({ completion, now }: { completion: ReviewCompletion; now: Date }) {
  const { cadence, campaigns, entitlementsOverdue } = completion;
  const nothing = sum(cadence) === 0 && campaigns.length === 0 && entitlementsOverdue === 0;
  const overdueItems = cadence.overdue + campaigns.reduce((n, c) => n + c.overdue, 0);
  const link = cn("rounded-sm font-medium text-primary underline-offset-4 hover:underline", focusRing);

  return (
    <ChartCard
      id="review-completion-heading"
      title="Review completion"
      description="Cadence reviews (last 90 days and everything still open) and each active campaign."
      empty={
        nothing
          ? {
              icon: ClipboardCheck,
              title: "No reviews yet",
              description: "Reviews appear when an entitlement's review date comes due or an identity owner launches a campaign.",
            }
          : null
      }
    >
      <Figures
        figures={[
          { label: "Overdue review items", value: overdueItems, tone: overdueItems > 0 ? "danger" : "neutral" },
          { label: "Entitlements past review date", value: entitlementsOverdue, tone: entitlementsOverdue > 0 ? "warning" : "neutral" },
          { label: "Active campaigns", value: campaigns.length },
        ]}
      />
      <ul className="grid gap-4" aria-label="Completion by queue">
        <CompletionBar name="Cadence queue" counts={cadence} />
        {campaigns.map((c) => (
          <CompletionBar
            key={c.campaignId}
            name={c.name}
            counts={c}
            detail={
              <time dateTime={c.dueAt.toISOString()} title={formatDateTime(c.dueAt)}>
                due {formatRelative(c.dueAt, now)}
              </time>
            }
          />
        ))}
      </ul>
      <div className="flex flex-wrap items-center justify-between gap-3 text-xs text-muted-foreground">
        <ul className="flex flex-wrap gap-3" aria-label="Legend">
          {SEGMENTS.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <span aria-hidden="true" className={cn("size-2.5 rounded-sm", s.className)} />
              {s.label}
            </li>
          ))}
        </ul>
        <span className="flex gap-3">
          <Link href="/reviews" className={link}>
            Review queue
          </Link>
          <Link href="/campaigns" className={link}>
            Campaigns
          </Link>
        </span>
      </div>
    </ChartCard>
  );
}
