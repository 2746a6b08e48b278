import type { Metadata } from "next";
import { Send } from "lucide-react";
import { DeliveriesTable } from "@/components/hooks/deliveries-table";
import { DeliveryStatusTabs } from "@/components/hooks/delivery-status-tabs";
import { FormatBadge, HookStatus } from "@/components/hooks/hook-badges";
import { loadHookOr404 } from "@/components/hooks/load-hook";
import { type SearchParams, loadList, pickParams } from "@/components/lists/list-controls";
import { ListResults } from "@/components/lists/list-page";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { listHookDeliveries } from "@/lib/domain/hooks/deliveries";
import { requirePageActor } from "@/lib/server/page-actor";
import { listDeliveriesQuery } from "@/lib/validation/hooks";

export const metadata: Metadata = { title: "Hook deliveries" };

const PAGE_SIZE = "25";

const EMPTY_FILTERED: Record<string, string> = {
  pending: "Nothing is waiting to be sent or retried.",
  succeeded: "No receiver has confirmed a delivery from this hook yet.",
  failed: "No delivery has run out of attempts.",
};

export default async function HookDeliveriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const actor = await requirePageActor();
  const { id } = await params;
  const hook = await loadHookOr404(actor, id);
  const query = pickParams(await searchParams, ["status", "cursor", "prev", "limit"]);
  const result = await loadList(listDeliveriesQuery, { limit: PAGE_SIZE, ...query }, (q) => listHookDeliveries(actor, hook.id, q));
  const pathname = `/settings/hooks/${hook.id}`;

  return (
    <>
      <BackLink href="/settings/hooks">Hooks</BackLink>
      <PageHeader
        title={`Deliveries of ${hook.name}`}
        description={
          <span className="grid gap-2">
            <span className="flex flex-wrap items-center gap-1.5">
              <FormatBadge format={hook.format} />
              <HookStatus
                active={hook.active}
                disabledReason={hook.disabledReason}
                rotating={hook.rotating}
                previousSecretValidUntil={hook.previousSecretValidUntil}
              />
              <code className="max-w-full truncate font-mono text-xs" title={hook.url}>
                {hook.url}
              </code>
            </span>
            <span>
              Each revoke this hook subscribes to is sent at least once, retried with backoff for about a day. A delivery is confirmed
              only when the receiver answers 2xx; one that runs out of attempts raises a finding, notifies the owners, and can be replayed
              once the receiver is fixed.{hook.active ? null : " Enable the hook to replay its deliveries."}
            </span>
          </span>
        }
      />
      <DeliveryStatusTabs hookId={hook.id} current={result.ok ? query.status : undefined} />
      <ListResults
        result={result}
        errorTitle="No deliveries shown"
        empty={{
          icon: Send,
          title: query.status ? "No deliveries with this status" : "Nothing sent to this hook yet",
          description: query.status
            ? EMPTY_FILTERED[query.status]
            : "No deliveries yet. Every revoke of an entitlement, credential, NHI or workflow sends one." +
              (hook.active ? "" : " This hook is disabled, so revokes create no delivery for it until it is enabled."),
        }}
        pathname={pathname}
        filters={{ status: query.status, limit: query.limit }}
        cursor={query.cursor}
        history={query.prev}
      >
        {(deliveries) => (
          // A replay to a disabled hook would only fail again with "hook disabled".
          <DeliveriesTable deliveries={deliveries} canReplay={hook.active && can(actor, "hooks.manage")} />
        )}
      </ListResults>
    </>
  );
}
