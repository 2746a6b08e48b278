import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { TBody, TD, TActionsHead, TH, THead, TR, Table } from "@/components/ui/table";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { EditHookDialog } from "./edit-hook-dialog";
import { DeliveryStatusBadge, EventBadges, FormatBadge, HookStatus } from "./hook-badges";
import type { HookListItem } from "./hook-meta";
import { RotateSecretDialog } from "./rotate-secret-dialog";
import { ToggleHook } from "./toggle-hook";

export type HooksTableProps = {
  hooks: readonly HookListItem[];
  /** Row actions that change a hook; everyone who can read hooks sees the deliveries link. */
  canManage: boolean;
};

function LastDelivery({ delivery, now }: { delivery: HookListItem["lastDelivery"]; now: Date }) {
  if (!delivery) return <span className="text-muted-foreground">None yet</span>;
  return (
    <span className="grid justify-items-start gap-1">
      <DeliveryStatusBadge status={delivery.status} />
      <time dateTime={delivery.createdAt.toISOString()} title={formatDateTime(delivery.createdAt)} className="text-xs text-muted-foreground">
        {formatRelative(delivery.createdAt, now)}
      </time>
    </span>
  );
}

export function HooksTable({ hooks, canManage }: HooksTableProps) {
  const now = new Date();
  return (
    <Table aria-label="Revocation hooks">
      <THead>
        <TR>
          <TH>Name</TH>
          <TH>URL</TH>
          <TH>Format</TH>
          <TH>Events</TH>
          <TH>Status</TH>
          <TH>Last delivery</TH>
          <TActionsHead />
        </TR>
      </THead>
      <TBody>
        {hooks.map((hook) => {
          const nameId = `hook-${hook.id}-name`;
          return (
            <TR key={hook.id}>
              <TD id={nameId} className="font-medium">
                {hook.name}
              </TD>
              <TD>
                <code className="block max-w-64 truncate font-mono text-xs" title={hook.url}>
                  {hook.url}
                </code>
              </TD>
              <TD>
                <FormatBadge format={hook.format} />
              </TD>
              <TD>
                <EventBadges events={hook.events} />
              </TD>
              <TD>
                <HookStatus
                  active={hook.active}
                  disabledReason={hook.disabledReason}
                  rotating={hook.rotating}
                  previousSecretValidUntil={hook.previousSecretValidUntil}
                />
              </TD>
              <TD className="whitespace-nowrap">
                <LastDelivery delivery={hook.lastDelivery} now={now} />
              </TD>
              <TD>
                <div className="flex flex-wrap items-center justify-end gap-1">
                  {canManage ? (
                    <>
                      <EditHookDialog hook={{ id: hook.id, name: hook.name, events: hook.events }} describedBy={nameId} />
                      <ToggleHook hook={{ id: hook.id, name: hook.name, url: hook.url, active: hook.active }} describedBy={nameId} />
                      {hook.format === "standard-webhooks" ? (
                        <RotateSecretDialog hook={{ id: hook.id, name: hook.name, rotating: hook.rotating }} describedBy={nameId} />
                      ) : null}
                    </>
                  ) : null}
                  <Link
                    href={`/settings/hooks/${hook.id}`}
                    aria-describedby={nameId}
                    className={buttonVariants({ variant: "outline", size: "sm" })}
                  >
                    Deliveries
                  </Link>
                </div>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
