import type { Metadata } from "next";
import { FrameworkSection } from "@/components/frameworks/framework-section";
import { PageHeader } from "@/components/ui/page-header";
import { listFrameworks } from "@/lib/domain/findings/list-frameworks";
import { requirePageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Frameworks" };

export default async function FrameworksPage() {
  const actor = await requirePageActor();
  const sections = await listFrameworks(actor);
  return (
    <>
      <PageHeader
        title="Frameworks"
        description="For each OWASP NHI Top 10 item, OWASP Top 10 for Agentic Applications item and NIST AI RMF subcategory: the Countersign controls that address it, the rules that detect it, and its open findings. Items nothing here covers say so."
      />
      <div className="grid gap-8">
        {sections.map((section) => (
          <FrameworkSection key={section.id} section={section} />
        ))}
      </div>
    </>
  );
}
