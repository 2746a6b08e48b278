import type { Metadata } from "next";
import { ClipboardCheck } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "My reviews" };

export default function MyReviewsPage() {
  return (
    <>
      <PageHeader
        title="My reviews"
        description="Entitlements due for your review, from the cadence queue and from campaigns, with the context a decision needs: last use, sensitivity, findings and age."
      />
      <EmptyState
        icon={ClipboardCheck}
        title="No reviews recorded yet"
        description="Review items are created when an entitlement reaches its review date or a campaign launches. None has been created yet."
      />
    </>
  );
}
