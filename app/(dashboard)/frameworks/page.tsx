import type { Metadata } from "next";
import { BookCheck } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Frameworks" };

export default function FrameworksPage() {
  return (
    <>
      <PageHeader
        title="Frameworks"
        description="For each framework item (OWASP NHI Top 10, OWASP Top 10 for Agentic Applications, NIST AI RMF): which controls address it and how many findings are open."
      />
      <EmptyState
        icon={BookCheck}
        title="No coverage recorded yet"
        description="Coverage is drawn from the controls and the findings raised against them; no findings have been recorded yet."
      />
    </>
  );
}
