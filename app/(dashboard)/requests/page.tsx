import type { Metadata } from "next";
import Link from "next/link";
import { Inbox } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Requests" };

export default function RequestsPage() {
  return (
    <>
      <PageHeader
        title="Requests"
        description="Entitlement requests waiting for business or identity approval appear here."
      />
      <EmptyState
        icon={Inbox}
        title="Approve requests from the Overview"
        description="The requests that need your signature are under “Needs your action” on the Overview, beside the count of every pending request."
        action={
          <Link href="/" className={buttonVariants({ variant: "outline" })}>
            Open the Overview
          </Link>
        }
      />
    </>
  );
}
