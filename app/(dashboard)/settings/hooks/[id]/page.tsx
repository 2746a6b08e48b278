import type { Metadata } from "next";
import Link from "next/link";
import { ChevronLeft, Send } from "lucide-react";
import { DeliveriesTable } from "@/components/hooks/deliveries-table";
import { DeliveryStatusTabs } from "@/components/hooks/delivery-status-tabs";
import { FormatBadge, HookStatus } from "@/components/hooks/hook-badges";
import { loadHookOr404 } from "@/components/hooks/load-hook";
import { CursorPagination, InlineAlert, type SearchParams, loadList, pickParams } from "@/components/lists/list-controls";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { listHookDeliveries } from "@/lib/domain/hooks/deliveries";
import { requirePageActor } from "@/lib/server/page-actor";
import { cn, focusRing } from "@/lib/utils";
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
      <Link
        href="/settings/hooks"
        className={cn("mb-3 inline-flex items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground", focusRing)}
      >
        <ChevronLeft aria-hidden="true" className="size-4" />
        Hooks
      </Link>
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
      {!result.ok ? (
        <InlineAlert title="No deliveries shown">{result.message}</InlineAlert>
      ) : result.items.length === 0 ? (
        <EmptyState
          icon={Send}
          title={query.status ? "No deliveries with this status" : "Nothing sent to this hook yet"}
          description={
            query.status
              ? EMPTY_FILTERED[query.status]
              : "No deliveries yet. Every revoke of an entitlement, credential, NHI or workflow sends one." +
                (hook.active ? "" : " This hook is disabled, so revokes create no delivery for it until it is enabled.")
          }
        />
      ) : (
        <>
          {/* A replay to a disabled hook would only fail again with "hook disabled". */}
          <DeliveriesTable deliveries={result.items} canReplay={hook.active && can(actor, "hooks.manage")} />
          <CursorPagination
            pathname={pathname}
            filters={{ status: query.status, limit: query.limit }}
            cursor={query.cursor}
            history={query.prev}
            nextCursor={result.nextCursor}
          />
        </>
      )}
    </>
  );
}
