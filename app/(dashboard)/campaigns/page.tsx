import type { Metadata } from "next";
import { CalendarClock } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Campaigns" };

export default function CampaignsPage() {
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Access reviews over a scope of entitlements: stages, a due date, a frozen snapshot at launch, a non-response policy and an evidence package at close."
      />
      <EmptyState
        icon={CalendarClock}
        title="No campaigns recorded yet"
        description="A campaign appears here once an identity owner creates one."
      />
    </>
  );
}
