import * as React from "react";
import { TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Stat } from "@/components/ui/stat";
import type { WorkflowDetail } from "@/lib/domain/workflows/get-workflow";
import { AccountabilityCard } from "./accountability-card";
import { ApprovedDataSetsCard } from "./approved-data-sets-card";
import { ExceptionsCard } from "./exceptions-card";
import { VendorObligations } from "./vendor-obligations";
import type { DataSetOption, UserOption } from "./workflow-form-model";

export type TaskSectionProps = {
  workflow: WorkflowDetail;
  users: UserOption[];
  dataSets: DataSetOption[];
  actor: { userId: string | null; mayRequestExceptions: boolean };
};

/** The first of the four questions: what business task justifies the access, and who answers for it. */
export function TaskSection({ workflow, users, dataSets, actor }: TaskSectionProps) {
  const { counts } = workflow;
  const live = workflow.status !== "retired";

  return (
    <section aria-labelledby="wf-task-heading" className="grid gap-4">
      <div className="space-y-1">
        <h2 id="wf-task-heading" className="text-lg font-semibold tracking-tight">
          Task
        </h2>
        <p className="text-sm text-muted-foreground">What business task justifies the access, and who is accountable for it.</p>
      </div>

      {counts.exceedingEntitlements > 0 ? (
        <div className="flex gap-2.5 rounded-lg border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-warning" />
          <p>
            <span className="font-medium">
              {counts.exceedingEntitlements} {counts.exceedingEntitlements === 1 ? "entitlement exceeds" : "entitlements exceed"} the
              approved data sets.
            </span>{" "}
            Revoke them or cover them with an exception.
          </p>
        </div>
      ) : null}

      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Identities" value={counts.identities} hint="NHIs this workflow runs as" />
        <Stat label="Active entitlements" value={counts.activeEntitlements} />
        <Stat label="Pending entitlements" value={counts.pendingEntitlements} hint="Waiting for approval" />
        <Stat
          label="Exceeding the approval"
          value={counts.exceedingEntitlements}
          tone={counts.exceedingEntitlements > 0 ? "warning" : "neutral"}
        />
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h3">Purpose</CardTitle>
        </CardHeader>
        <CardContent>
          <p className="max-w-3xl text-sm leading-relaxed whitespace-pre-line">{workflow.purpose}</p>
        </CardContent>
      </Card>

      <AccountabilityCard workflow={workflow} users={users} />
      <ApprovedDataSetsCard dataSets={workflow.dataSets} />

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h3">Escalation path</CardTitle>
            <CardDescription>Asked in this order when the business owner does not answer.</CardDescription>
          </CardHeader>
          <CardContent>
            {workflow.escalationPath.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No escalation path: overdue approvals and reviews wait for the business owner alone. Edit the workflow to add one.
              </p>
            ) : (
              <ol className="grid list-decimal gap-1.5 pl-5 text-sm">
                {workflow.escalationPath.map((step) => (
                  <li key={step.id}>
                    <span className="font-medium">{step.name}</span> <span className="text-muted-foreground">({step.email})</span>
                    {step.active ? null : (
                      <Badge variant="danger" className="ml-1.5">
                        Deactivated
                      </Badge>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h3">Exception conditions</CardTitle>
            <CardDescription>When access outside the approval may be requested.</CardDescription>
          </CardHeader>
          <CardContent>
            {workflow.exceptionConditions.length === 0 ? (
              <p className="text-sm text-muted-foreground">None: any access outside the approved data sets is refused.</p>
            ) : (
              <ul className="grid list-disc gap-1.5 pl-5 text-sm">
                {workflow.exceptionConditions.map((condition, i) => (
                  <li key={i}>{condition}</li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      {workflow.vendor ? <VendorObligations vendor={workflow.vendor} /> : null}

      <ExceptionsCard
        workflowId={workflow.id}
        exceptions={workflow.exceptions}
        dataSets={dataSets}
        mayRequest={live && actor.mayRequestExceptions}
        mayDecide={workflow.may.approveExceptions}
        actorUserId={actor.userId}
      />
    </section>
  );
}
