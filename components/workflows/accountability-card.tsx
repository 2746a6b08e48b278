import * as React from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { OwnerName } from "@/components/lists/list-controls";
import type { WorkflowDetail } from "@/lib/domain/workflows/get-workflow";
import { TransferOwnershipDialog } from "./transfer-ownership-dialog";
import type { UserOption } from "./workflow-form-model";

export type AccountabilityCardProps = {
  workflow: Pick<WorkflowDetail, "id" | "accountability" | "businessOwner" | "identityOwner" | "may">;
  users: UserOption[];
};

/** DESIGN.md invariant 6: each control decision names one accountable person; a gap shows as "Ownerless". */
export function AccountabilityCard({ workflow, users }: AccountabilityCardProps) {
  const { businessOwner, identityOwner } = workflow;
  const defaultSide = !businessOwner?.active ? "business" : !identityOwner?.active ? "identity" : "business";

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1">
          <CardTitle as="h3" id="wf-accountability-heading">
            Ownership &amp; accountability
          </CardTitle>
          <CardDescription>Who answers for each control decision of this workflow.</CardDescription>
        </div>
        {workflow.may.transferBusiness || workflow.may.transferIdentity ? (
          <TransferOwnershipDialog
            workflowId={workflow.id}
            users={users}
            current={{ business: businessOwner?.id ?? null, identity: identityOwner?.id ?? null }}
            sides={{ business: workflow.may.transferBusiness, identity: workflow.may.transferIdentity }}
            defaultSide={workflow.may.transferBusiness ? defaultSide : "identity"}
          />
        ) : null}
      </CardHeader>
      <CardContent>
        <Table>
            <TCaption className="sr-only">The accountable owner of each control decision.</TCaption>
          <THead>
            <TR>
              <TH scope="col">Control</TH>
              <TH scope="col">Accountable owner</TH>
            </TR>
          </THead>
          <TBody>
            {workflow.accountability.map((row) => (
              <TR key={row.control}>
                <TH scope="row" className="bg-transparent text-sm font-medium text-foreground shadow-none">
                  {row.control}
                </TH>
                <TD>
                  <span className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
                    <OwnerName owner={row.owner} />
                    {"alsoIdentityOwners" in row && row.alsoIdentityOwners ? (
                      <span className="text-muted-foreground">and any identity owner</span>
                    ) : null}
                  </span>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </CardContent>
    </Card>
  );
}
