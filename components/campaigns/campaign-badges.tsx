import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

const STATUS: Record<string, { label: string; variant: BadgeVariant }> = {
  draft: { label: "Draft", variant: "neutral" },
  active: { label: "Active", variant: "info" },
  closed: { label: "Closed", variant: "success" },
};

export function CampaignStatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { label: status, variant: "neutral" as const };
  return <Badge variant={s.variant}>{s.label}</Badge>;
}

export const STAGE_LABEL: Record<string, string> = { business_owner: "Business owner", identity_owner: "Identity owner" };

/** A labelled bar: the numbers are in the text as well, so nothing is told by the bar alone. */
export function ProgressBar({ done, total, label, className }: { done: number; total: number; label: string; className?: string }) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className={cn("grid gap-1", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} (${percent}%)`}
        className="h-2 w-full overflow-hidden rounded-full bg-muted print:border print:border-border"
      >
        <div className="h-full rounded-full bg-primary print:bg-black" style={{ width: `${percent}%` }} />
      </div>
      <span className="text-xs text-muted-foreground tabular-nums">
        {done.toLocaleString("en-US")} of {total.toLocaleString("en-US")} ({percent}%)
      </span>
    </div>
  );
}
