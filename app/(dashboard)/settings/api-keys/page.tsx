import type { Metadata } from "next";
import { KeyRound, LockKeyhole } from "lucide-react";
import { ApiKeysTable } from "@/components/api-keys/api-keys-table";
import { NewApiKeyDialog } from "@/components/api-keys/new-api-key-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { listApiKeys } from "@/lib/domain/api-keys/api-keys";
import { listActiveUsersBrief } from "@/lib/domain/users/users";
import { requirePageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "API keys" };

const DESCRIPTION =
  "Keys let scripts, pipelines and runtimes call the Countersign API as a user, narrowed to the scopes you grant.";

export default async function ApiKeysPage() {
  const actor = await requirePageActor();

  if (!can(actor, "api_keys.manage")) {
    return (
      <>
        <PageHeader title="API keys" description={DESCRIPTION} />
        <EmptyState
          icon={LockKeyhole}
          title="API keys are managed by admins"
          description="Ask an admin to create a key for you. They choose its owner, scopes and lifetime, and give you the key once."
        />
      </>
    );
  }

  const [keys, owners] = await Promise.all([listApiKeys(actor), listActiveUsersBrief(actor)]);
  const defaultOwnerId = owners.some((o) => o.id === actor.userId) ? (actor.userId ?? undefined) : undefined;
  const newKey = (
    <NewApiKeyDialog
      owners={owners.map(({ id, name, email }) => ({ id, name, email }))}
      defaultOwnerId={defaultOwnerId}
    />
  );

  return (
    <>
      <PageHeader title="API keys" description={DESCRIPTION} actions={newKey} />
      {keys.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No API keys yet"
          description="Create a key for each script or runtime that calls the API, with only the scopes it needs. Use New API key above."
        />
      ) : (
        <ApiKeysTable keys={keys} />
      )}
    </>
  );
}
