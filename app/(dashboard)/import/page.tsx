import type { Metadata } from "next";
import { Lock } from "lucide-react";
import { ImportWorkbench } from "@/components/import/import-workbench";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader
        title="Import"
        description="Bring existing identities in from cloud providers and identity systems so the inventory matches what actually runs. Preview first: nothing is written until you apply."
      />
      {can(actor, "import.run") ? (
        <ImportWorkbench />
      ) : (
        <EmptyState
          icon={Lock}
          title="Importing needs the import permission"
          description="Identity owners import inventories, because an import creates and changes identities and their credentials. Ask an admin for the identity owner role, or use an API key with the import scope."
        />
      )}
    </>
  );
}
