import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/utils";
import { type DeliveryStatus, FORMAT_LABEL, type HookFormat } from "./hook-meta";

export function FormatBadge({ format }: { format: HookFormat }) {
  return (
    <Badge variant={format === "caep-set" ? "info" : "outline"} title={format}>
      {FORMAT_LABEL[format]}
    </Badge>
  );
}

export function EventBadges({ events }: { events: readonly string[] }) {
  return (
    <span className="flex max-w-80 flex-wrap gap-1">
      {events.map((event) => (
        <Badge key={event} variant="outline" className="font-mono">
          {event}
        </Badge>
      ))}
    </span>
  );
}

export type HookStatusProps = {
  active: boolean;
  disabledReason: string | null;
  rotating: boolean;
  previousSecretValidUntil: Date | null;
};

/** The reason is shown truncated and in full on hover, so it reaches keyboard and screen-reader users too. */
export function HookStatus({ active, disabledReason, rotating, previousSecretValidUntil }: HookStatusProps) {
  return (
    <span className="grid justify-items-start gap-1">
      {active ? (
        <Badge variant="success">Active</Badge>
      ) : (
        <>
          <Badge variant="danger" title={disabledReason ?? undefined}>
            Disabled
          </Badge>
          {disabledReason ? (
            <span className="max-w-48 truncate text-xs text-muted-foreground" title={disabledReason}>
              {disabledReason}
            </span>
          ) : null}
        </>
      )}
      {rotating ? (
        <Badge
          variant="warning"
          title={previousSecretValidUntil ? `The previous secret also signs until ${formatDateTime(previousSecretValidUntil)}` : undefined}
        >
          Rotating secret
        </Badge>
      ) : null}
    </span>
  );
}

const DELIVERY: Record<DeliveryStatus, { label: string; variant: BadgeVariant }> = {
  pending: { label: "Pending", variant: "warning" },
  succeeded: { label: "Confirmed downstream", variant: "success" },
  failed: { label: "Failed", variant: "danger" },
};

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { label, variant } = DELIVERY[status];
  return <Badge variant={variant}>{label}</Badge>;
}
