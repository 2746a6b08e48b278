import * as React from "react";
import Link from "next/link";
import { humanize } from "@/components/lists/list-controls";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import type { IdentityDetail } from "@/lib/domain/identities/get-identity";
import { BindWorkflowDialog } from "./bind-workflow-dialog";
import { IdentitySection } from "./identity-section";
import { UnbindWorkflowDialog } from "./unbind-workflow-dialog";

type Bound = IdentityDetail["workflows"][number];

const STATUS_VARIANT: Record<Bound["status"], BadgeVariant> = {
  draft: "neutral",
  active: "success",
  suspended: "warning",
  retired: "outline",
};

export type IdentityWorkflowsProps = {
  identity: IdentityDetail;
  /** Every non-retired workflow, when the caller may bind (identities.write). */
  bindable: { id: string; name: string }[] | null;
};

/** The Task question: which workflows this identity runs for. */
export function IdentityWorkflows({ identity, bindable }: IdentityWorkflowsProps) {
  const nhi = { id: identity.id, name: identity.name };
  const bound = new Set(identity.workflows.map((w) => w.id));
  return (
    <IdentitySection
      id="nhi-workflows"
      title="Workflows"
      description="The business tasks this identity runs for; each workflow's business owner answers for why it has access."
      actions={
        bindable ? <BindWorkflowDialog nhi={nhi} workflows={bindable.filter((w) => !bound.has(w.id))} boundCount={identity.workflows.length} /> : null
      }
    >
      {identity.workflows.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-3 py-3 text-sm text-muted-foreground">
          Not bound to any workflow, so no business owner answers for its access.
          {bindable ? " Bind it to the workflow it serves." : " An identity owner can bind it to the workflow it serves."}
        </p>
      ) : (
        <ul className="grid divide-y divide-border rounded-md border border-border">
          {identity.workflows.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="flex flex-wrap items-center gap-2">
                <Link id={`nhi-workflow-${w.id}`} href={`/workflows/${w.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                  {w.name}
                </Link>
                <Badge variant={STATUS_VARIANT[w.status]}>{humanize(w.status)}</Badge>
                <Badge variant={w.autonomy === "autonomous" ? "warning" : "neutral"}>{humanize(w.autonomy)}</Badge>
              </span>
              {bindable ? <UnbindWorkflowDialog nhi={nhi} workflow={{ id: w.id, name: w.name }} describedBy={`nhi-workflow-${w.id}`} /> : null}
            </li>
          ))}
        </ul>
      )}
    </IdentitySection>
  );
}
