import type { Metadata } from "next";
import { TriangleExclamationPoint } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Findings" };

export default function FindingsPage() {
  return (
    <>
      <PageHeader
        title="Findings"
        description="Risks that rules raise from the inventory, each with one accountable owner and mapped to the OWASP NHI Top 10, the OWASP Top 10 for Agentic Applications and the NIST AI RMF."
      />
      <EmptyState
        icon={TriangleExclamationPoint}
        title="No findings recorded yet"
        description="Findings appear here when the rules evaluate the inventory and raise one. None has been raised yet."
      />
    </>
  );
}
