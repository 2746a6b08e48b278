import type { Metadata } from "next";
import { Scale } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Decisions" };

export default function DecisionsPage() {
  return (
    <>
      <PageHeader
        title="Decisions"
        description="Every runtime authorization decision: which identity asked to do what on which data set, for which workflow, and whether it was allowed and why."
      />
      <EmptyState
        icon={Scale}
        title="No decisions recorded yet"
        description="A decision is stored each time an agent asks the AuthZEN evaluation endpoint for access. No agent has asked yet."
      />
    </>
  );
}
