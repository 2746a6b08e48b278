import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Policies" };

export default function PoliciesPage() {
  return (
    <>
      <PageHeader
        title="Policies"
        description="Versioned Cedar guardrail policies that can forbid access an entitlement would allow, validated on save and tested against recent decisions before activation."
      />
      <EmptyState
        icon={ScrollText}
        title="No policies recorded yet"
        description="Policies appear here once an identity owner writes one. None exists yet, so only entitlements govern access."
      />
    </>
  );
}
