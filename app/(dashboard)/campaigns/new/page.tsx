import type { Metadata } from "next";
import Link from "next/link";
import { CalendarClock } from "lucide-react";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { listActiveUsersBrief } from "@/lib/domain/users/users";
import { requirePageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const actor = await requirePageActor();
  const header = (
    <>
      <BackLink href="/campaigns">Campaigns</BackLink>
      <PageHeader
        title="New campaign"
        description="A campaign is saved as a draft. Nothing is frozen or assigned until you launch it from its page."
      />
    </>
  );
  if (!can(actor, "campaigns.manage")) {
    return (
      <>
        {header}
        <EmptyState
          icon={CalendarClock}
          title="Only identity owners and admins run campaigns"
          description="Ask an identity owner or an admin to start the campaign you need."
          action={
            <Link href="/campaigns" className={buttonVariants({ variant: "outline" })}>
              Back to campaigns
            </Link>
          }
        />
      </>
    );
  }
  const people = can(actor, "users.read") ? await listActiveUsersBrief(actor) : [];
  return (
    <>
      {header}
      <CampaignForm people={people.map(({ id, name, email }) => ({ id, name, email }))} />
    </>
  );
}
