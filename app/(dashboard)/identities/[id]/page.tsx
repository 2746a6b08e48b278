import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ChevronLeft, Pencil, Send } from "lucide-react";
import { RequestAccessDialog } from "@/components/entitlements/request-access-dialog";
import { IdentityCredentials } from "@/components/identities/identity-credentials";
import { PROVIDER_LABEL } from "@/components/identities/identity-badges";
import { IdentityDialog } from "@/components/identities/identity-dialog";
import { IdentityEntitlements } from "@/components/identities/identity-entitlements";
import { IdentityFindings } from "@/components/identities/identity-findings";
import { IdentityHistory } from "@/components/identities/identity-history";
import { IdentitySummary } from "@/components/identities/identity-summary";
import { IdentityWorkflows } from "@/components/identities/identity-workflows";
import { humanize } from "@/components/lists/list-controls";
import { RevokeNhiButton } from "@/components/revocation/revoke-nhi-button";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { hasRole } from "@/lib/domain/actor";
import { presentCredential } from "@/lib/domain/credentials/manage-credentials";
import { getIdentity } from "@/lib/domain/identities/get-identity";
import { listActiveUsersBrief } from "@/lib/domain/users/users";
import { listWorkflows } from "@/lib/domain/workflows/list-workflows";
import { isAppError } from "@/lib/errors";
import { requirePageActor } from "@/lib/server/page-actor";
import { uuid } from "@/lib/validation/common";
import { listWorkflowsQuery } from "@/lib/validation/workflows";

type Props = { params: Promise<{ id: string }> };

/** One load per request for both the title and the page; a malformed or unknown id is simply not found. */
const loadIdentity = cache(async (id: string) => {
  const actor = await requirePageActor();
  if (!uuid.safeParse(id).success) notFound();
  try {
    return { actor, identity: await getIdentity(actor, id) };
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { identity } = await loadIdentity((await params).id);
  return { title: identity.name };
}

export default async function IdentityPage({ params }: Props) {
  const { actor, identity } = await loadIdentity((await params).id);
  const may = {
    write: can(actor, "identities.write"),
    credentials: can(actor, "credentials.write"),
    revoke: can(actor, "access.revoke"),
    request: can(actor, "entitlements.request") && identity.status === "active",
  };
  const [workflowPage, owners] = await Promise.all([
    (may.write || may.request) && can(actor, "workflows.read") ? listWorkflows(actor, listWorkflowsQuery.parse({ limit: 500 })) : null,
    may.write && can(actor, "users.read") ? listActiveUsersBrief(actor) : [],
  ]);
  const now = new Date();
  const nhi = { id: identity.id, name: identity.name };

  const bound = new Set(identity.workflows.map((w) => w.id));
  const live = (workflowPage?.items ?? []).filter((w) => w.status !== "retired").map((w) => ({ id: w.id, name: w.name }));
  // The workflows it already serves come first: requesting for another one also binds it (reuse).
  const requestWorkflows = [...live.filter((w) => bound.has(w.id)), ...live.filter((w) => !bound.has(w.id))];
  const openEntitlements = identity.entitlements
    .filter((e) => e.status === "active" || e.status === "pending")
    .map((e) => ({ id: e.id, label: `${e.workflowName} → ${e.actions.join(", ")} on ${e.dataSetName}` }));

  // The domain lets identity owners, and owners of every workflow the NHI serves, revoke it; offer the button to them only.
  const ownersOf = new Map((workflowPage?.items ?? []).map((w) => [w.id, [w.businessOwner?.id, w.identityOwner?.id]]));
  const ownsEveryServed =
    identity.workflows.length > 0 && identity.workflows.every((w) => actor.userId !== null && ownersOf.get(w.id)?.includes(actor.userId));
  const revokeNhi =
    may.revoke && (hasRole(actor, "identity_owner") || ownsEveryServed) ? (
      <RevokeNhiButton
        nhi={{ id: identity.id, name: identity.name, status: identity.status }}
        counts={{
          entitlements: identity.entitlements.filter((e) => e.status === "active" || e.status === "pending").length,
          credentials: identity.credentials.filter((c) => c.status === "active").length,
          workflows: identity.workflows.length,
        }}
      />
    ) : null;

  const requestButton = may.request ? (
    <RequestAccessDialog
      identities={[nhi]}
      fixedIdentityId={identity.id}
      workflows={requestWorkflows}
      trigger={
        <Button>
          <Send aria-hidden="true" />
          Request access
        </Button>
      }
    />
  ) : null;

  return (
    <>
      <Link href="/identities" className="mb-3 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ChevronLeft aria-hidden="true" className="size-4" />
        Identities
      </Link>
      <PageHeader
        title={identity.name}
        description={`${humanize(identity.kind)} on ${PROVIDER_LABEL[identity.provider]}: who answers for it, what it may touch and which credentials it holds.`}
        actions={
          <>
            {may.write ? (
              <IdentityDialog
                owners={owners}
                initial={{
                  id: identity.id,
                  name: identity.name,
                  kind: identity.kind,
                  provider: identity.provider,
                  externalId: identity.externalId,
                  environment: identity.environment,
                  classification: identity.classification,
                  ownerId: identity.owner?.id ?? null,
                  status: identity.status,
                  description: identity.description,
                }}
                trigger={
                  <Button variant="outline">
                    <Pencil aria-hidden="true" />
                    Edit NHI
                  </Button>
                }
              />
            ) : null}
            {requestButton}
            {revokeNhi}
          </>
        }
      />
      <div className="grid gap-6">
        <IdentitySummary identity={identity} now={now} />
        <IdentityWorkflows identity={identity} bindable={may.write ? live : null} />
        <IdentityEntitlements identity={identity} now={now} />
        <IdentityCredentials
          nhi={nhi}
          credentials={identity.credentials.map((c) => presentCredential(c, now))}
          entitlements={openEntitlements}
          may={{ write: may.credentials, revoke: may.revoke }}
          now={now}
        />
        <IdentityFindings findings={identity.findings} now={now} />
        <IdentityHistory identity={identity} now={now} />
      </div>
    </>
  );
}
