"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { decideExceptionAction } from "@/app/(dashboard)/workflows/actions";

type Decision = "approved" | "denied";

/** Approve or Deny one pending exception; the row header (its data set) tells screen-reader users which one. */
export function ExceptionDecision({ exceptionId, dataSetName }: { exceptionId: string; dataSetName: string }) {
  const [decision, setDecision] = React.useState<Decision | null>(null);
  const [pending, startTransition] = React.useTransition();

  function decide(next: Decision) {
    setDecision(next);
    startTransition(async () => {
      const result = await decideExceptionAction({ id: exceptionId, decision: next });
      if (!result.ok) return void toast.error(result.error);
      toast.success(next === "approved" ? `Approved the exception on ${dataSetName}.` : `Denied the exception on ${dataSetName}.`);
    });
  }

  return (
    <div className="flex flex-wrap gap-1.5">
      <Button size="sm" variant="outline" onClick={() => decide("approved")} loading={pending && decision === "approved"} disabled={pending}>
        Approve
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => decide("denied")}
        loading={pending && decision === "denied"}
        disabled={pending}
        className="text-danger hover:bg-danger/10 hover:text-danger"
      >
        Deny
      </Button>
    </div>
  );
}
