import type { Metadata } from "next";
import { Webhook } from "lucide-react";
import { HooksIntro } from "@/components/hooks/hooks-intro";
import { type HookListItem, JWKS_PATH } from "@/components/hooks/hook-meta";
import { HooksTable } from "@/components/hooks/hooks-table";
import { NewHookDialog } from "@/components/hooks/new-hook-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { listHooks } from "@/lib/domain/hooks/manage-hooks";
import { appUrl } from "@/lib/env";
import { requirePageActor } from "@/lib/server/page-actor";

export const metadata: Metadata = { title: "Hooks" };

const DESCRIPTION =
  "Revocation hooks carry every revoke to the systems that actually hold the access: a revoke takes effect in Countersign at once, and each hook tells one outside system to cut it too.";

export default async function HooksPage() {
  const actor = await requirePageActor();
  const canManage = can(actor, "hooks.manage");
  const { items } = await listHooks(actor);
  const hooks: HookListItem[] = items.map((hook) => {
    const last = hook.lastDelivery;
    return {
      id: hook.id,
      name: hook.name,
      url: hook.url,
      format: hook.format,
      events: hook.events,
      active: hook.active,
      disabledReason: hook.disabledReason,
      rotating: hook.rotating,
      previousSecretValidUntil: hook.previousSecretValidUntil,
      lastDelivery: last ? { status: last.status, createdAt: last.createdAt, deliveredAt: last.deliveredAt } : null,
    };
  });

  return (
    <>
      <PageHeader
        title="Hooks"
        description={DESCRIPTION}
        actions={canManage ? <NewHookDialog jwksUrl={new URL(JWKS_PATH, appUrl()).toString()} /> : null}
      />
      <HooksIntro />
      {hooks.length === 0 ? (
        <EmptyState
          icon={Webhook}
          title="No revocation hooks yet"
          description={
            "Add one hook for each system that grants the access your NHIs use: a cloud IAM, a secrets manager, an identity provider, a gateway. " +
            "Without one, a revoke stops Countersign's own decisions and tokens, but nothing tells those systems to cut access. " +
            (canManage ? "Use New hook above." : "Ask an identity owner to add one.")
          }
        />
      ) : (
        <HooksTable hooks={hooks} canManage={canManage} />
      )}
    </>
  );
}
