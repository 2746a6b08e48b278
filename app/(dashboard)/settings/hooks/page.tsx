import type { Metadata } from "next";
import { Webhook } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Hooks" };

export default function HooksPage() {
  return (
    <>
      <PageHeader
        title="Hooks"
        description="Where revocations reach the real systems: Standard Webhooks or OpenID CAEP receivers, the events each subscribes to, and every delivery attempt."
      />
      <EmptyState
        icon={Webhook}
        title="No hooks recorded yet"
        description="Revocations take effect in Countersign at once; with no hook configured, nothing is sent to outside systems."
      />
    </>
  );
}
