import type { Metadata } from "next";
import { ClipboardCheck } from "lucide-react";
import { type SearchParams, loadList, pickParams } from "@/components/lists/list-controls";
import { ListResults } from "@/components/lists/list-page";
import { ReviewQueue } from "@/components/reviews/review-queue";
import { ReviewTabs } from "@/components/reviews/review-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { listReviews, seesAllReviews } from "@/lib/domain/reviews/list-reviews";
import { requirePageActor } from "@/lib/server/page-actor";
import { listReviewsQuery } from "@/lib/validation/reviews";

export const metadata: Metadata = { title: "My reviews" };

/** "My reviews" is my open items; "All open" (identity owners, auditors, admins) every open item. */
const QUERY = { mine: { reviewer: "me", status: "pending" }, all: { status: "pending" } } as const;

export default async function MyReviewsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const params = pickParams(await searchParams, ["cursor", "prev", "limit", "focus", "view"]);
  const showAll = seesAllReviews(actor);
  const view = params.view === "all" && showAll ? "all" : "mine";
  const now = new Date();
  const result = await loadList(listReviewsQuery, { ...QUERY[view], cursor: params.cursor, limit: params.limit }, (query) => listReviews(actor, query, now));

  return (
    <>
      <PageHeader
        title="My reviews"
        description="Access due for your review, riskiest first, then by due date: from the cadence queue and from campaigns. Certify what the task still needs, narrow or revoke the rest, or delegate with a reason."
      />
      {showAll ? <ReviewTabs current={view} /> : null}
      <ListResults
        result={result}
        errorTitle="No reviews shown"
        empty={
          view === "all"
            ? {
                icon: ClipboardCheck,
                title: "No review is open",
                description: "Reviews open 14 days before each entitlement's review date (the sweep runs hourly) and when a campaign launches. Launch a campaign from Campaigns to review a population now.",
              }
            : {
                icon: ClipboardCheck,
                title: "Nothing to review right now",
                description:
                  "Reviews arrive 14 days before an entitlement's review date, and when a campaign you take part in launches. You will get a notification; overdue reviews escalate to the workflow's escalation path. Access that was already revoked never needs a review.",
              }
        }
        pathname="/reviews"
        filters={{ limit: params.limit, view: view === "all" ? "all" : undefined }}
        cursor={params.cursor}
        history={params.prev}
      >
        {(items) => <ReviewQueue items={items} now={now} focus={params.focus} meId={actor.userId} showReviewer={view === "all"} />}
      </ListResults>
    </>
  );
}
