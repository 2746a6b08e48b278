import type { Metadata } from "next";
import { Import } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Import" };

export default function ImportPage() {
  return (
    <>
      <PageHeader
        title="Import"
        description="Bring existing identities in from cloud providers and identity systems so the inventory matches what actually runs."
      />
      <EmptyState
        icon={Import}
        title="No imports recorded yet"
        description="Each import run appears here with what it added or changed. None has run yet."
      />
    </>
  );
}
