import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { type SearchParams, pickParams } from "@/components/lists/list-controls";
import { DryRunPanel } from "@/components/policies/dry-run-panel";
import { KindBadge } from "@/components/policies/policy-badges";
import { PolicyEditor } from "@/components/policies/policy-editor";
import { SchemaReference } from "@/components/policies/schema-reference";
import { VersionSource } from "@/components/policies/version-source";
import { VersionsTable } from "@/components/policies/versions-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { getPolicy } from "@/lib/domain/guardrails/list-policies";
import { GUARDRAIL_SCHEMA } from "@/lib/domain/guardrails/schema";
import { isAppError } from "@/lib/errors";
import { requirePageActor } from "@/lib/server/page-actor";
import { cn, focusRing } from "@/lib/utils";
import { uuid } from "@/lib/validation/common";
import { DRY_RUN_DEFAULT_DECISIONS, DRY_RUN_MAX_DECISIONS } from "@/lib/validation/policies";

export const metadata: Metadata = { title: "Policy" };

/** A policy for the page, or the 404 page: a malformed id or one that names nothing is simply not found. */
async function loadPolicyOr404(actor: Actor, id: string) {
  if (!uuid.safeParse(id).success) notFound();
  try {
    return await getPolicy(actor, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function PolicyPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const policy = await loadPolicyOr404(actor, (await params).id);
  const { version: asked } = pickParams(await searchParams, ["version"]);
  // Without ?version= the page opens on the newest version: usually the draft being worked on.
  const selected = policy.versions.find((v) => String(v.version) === asked) ?? policy.versions[0]!;
  const mayManage = can(actor, "policies.manage");

  return (
    <>
      <Link href="/policies" className={cn("mb-3 inline-flex items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground", focusRing)}>
        <ChevronLeft aria-hidden="true" className="size-4" />
        Policies
      </Link>
      <PageHeader
        title={<span className="font-mono">{policy.name}</span>}
        description={
          <span className="grid gap-2">
            <span className="flex flex-wrap items-center gap-1.5">
              <KindBadge kind={policy.kind} />
              <span>{policy.activeVersion ? `Version ${policy.activeVersion.version} is active.` : "No version is active: this policy applies to nothing."}</span>
            </span>
            {policy.description ? <span>{policy.description}</span> : null}
          </span>
        }
      />
      <div className="grid gap-6">
        <VersionsTable policyId={policy.id} versions={policy.versions} selected={selected.version} />
        <VersionSource
          version={selected.version}
          status={selected.status}
          source={selected.source}
          description={selected.description}
          analysis={selected.analysis}
        />
        {mayManage && selected.status !== "active" ? (
          <DryRunPanel
            key={selected.id}
            versionId={selected.id}
            version={selected.version}
            activeVersion={policy.activeVersion?.version ?? null}
            defaultLimit={DRY_RUN_DEFAULT_DECISIONS}
            maxLimit={DRY_RUN_MAX_DECISIONS}
          />
        ) : null}
        {mayManage ? (
          <Card>
            <CardHeader>
              <CardTitle>Edit</CardTitle>
              <CardDescription>Saved versions never change: saving creates version {policy.latestVersion + 1} as a draft.</CardDescription>
            </CardHeader>
            <CardContent>
              <PolicyEditor
                key={selected.id}
                mode="version"
                policyId={policy.id}
                basedOn={selected.version}
                initialSource={selected.source}
                initialDescription={selected.description}
              />
            </CardContent>
          </Card>
        ) : null}
        <SchemaReference schema={GUARDRAIL_SCHEMA} />
      </div>
    </>
  );
}
