import type { Metadata } from "next";
import Link from "next/link";
import { Inbox } from "lucide-react";
import { type SearchParams, loadList, pickParams } from "@/components/lists/list-controls";
import { ListResults } from "@/components/lists/list-page";
import { RequestItem } from "@/components/requests/request-item";
import { REQUEST_TAB_QUERY, type RequestTab, RequestTabs } from "@/components/requests/request-tabs";
import { buttonVariants } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { listEntitlements } from "@/lib/domain/entitlements/list-entitlements";
import { requirePageActor } from "@/lib/server/page-actor";
import { listEntitlementsQuery } from "@/lib/validation/entitlements";

export const metadata: Metadata = { title: "Requests" };

const EMPTY: Record<RequestTab, { title: string; description: string }> = {
  mine: {
    title: "Nothing is waiting for your signature",
    description:
      "Requests appear here when they need your approval: the business side for workflows you own or back up on the escalation path, the identity side if you are an identity owner. Requests you made yourself never land here.",
  },
  requested: {
    title: "You have not requested any access",
    description: "Requests you send appear here with both approval states until they are active or denied. Open an NHI and use Request access to ask for some.",
  },
  all: {
    title: "No request is pending",
    description: "Every pending request in the organisation appears here until both sides approve it or one side denies it.",
  },
};

function load(actor: Actor, tab: RequestTab, page: { cursor?: string; limit?: string }) {
  return loadList(listEntitlementsQuery, { ...REQUEST_TAB_QUERY[tab], ...page }, (query) => listEntitlements(actor, query));
}

export default async function RequestsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, ["inbox", "status", "focus", "cursor", "prev", "limit"]);
  const showAll = hasRole(actor, "auditor") || hasRole(actor, "identity_owner");
  let tab: RequestTab = params.inbox === "requested" ? "requested" : params.status === "pending" && showAll ? "all" : "mine";
  const page = { cursor: params.cursor, limit: params.limit };
  let result = await load(actor, tab, page);

  // Notification links carry only ?focus=; a requester following "your request was denied" belongs on My requests.
  if (params.focus && !params.inbox && !params.status && !params.cursor && result.ok && !result.items.some((r) => r.id === params.focus)) {
    const requested = await load(actor, "requested", page);
    if (requested.ok && requested.items.some((r) => r.id === params.focus)) {
      tab = "requested";
      result = requested;
    }
  }
  const focusMissing = Boolean(params.focus) && result.ok && !result.items.some((r) => r.id === params.focus);
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Requests"
        description="Access requests for NHIs. Each becomes active only when the workflow's business owner and an identity owner have both approved; nobody approves their own request."
      />
      <RequestTabs current={tab} showAll={showAll} />
      {focusMissing ? (
        <p role="status" className="mb-4 rounded-md border border-border bg-muted px-3 py-2 text-sm">
          The request you followed is not in this list; it may already have been decided.{" "}
          <Link href={`/requests?inbox=requested&focus=${params.focus}`} className="text-primary underline-offset-4 hover:underline">
            Look in My requests
          </Link>
          {showAll ? (
            <>
              {" or "}
              <Link href={`/requests?status=pending&focus=${params.focus}`} className="text-primary underline-offset-4 hover:underline">
                All pending
              </Link>
            </>
          ) : null}
          .
        </p>
      ) : null}

      <ListResults
        result={result}
        errorTitle="No requests shown"
        empty={{
          icon: Inbox,
          ...EMPTY[tab],
          action:
            tab === "requested" ? (
              <Link href="/identities" className={buttonVariants({ variant: "outline" })}>
                Open Identities
              </Link>
            ) : null,
        }}
        pathname="/requests"
        filters={{ ...REQUEST_TAB_QUERY[tab], limit: params.limit }}
        cursor={params.cursor}
        history={params.prev}
      >
        {(items) => (
          <ul className="grid gap-3" aria-label={tab === "mine" ? "Requests waiting for you" : tab === "requested" ? "Your requests" : "Pending requests"}>
            {items.map((r) => (
              <RequestItem key={r.id} request={r} focused={r.id === params.focus} now={now} />
            ))}
          </ul>
        )}
      </ListResults>
    </>
  );
}
