"use client";

import * as React from "react";
import { Pause, Play } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { InlineAlert } from "@/components/lists/list-controls";
import type { WorkflowListItem } from "@/lib/domain/workflows/list-workflows";
import { activateWorkflowAction, suspendWorkflowAction } from "@/app/(dashboard)/workflows/actions";
import { RetireDialog } from "./retire-dialog";

export type LifecycleControlsProps = {
  workflowId: string;
  workflowName: string;
  status: WorkflowListItem["status"];
  /** Links placed before the lifecycle buttons, e.g. Edit. */
  children?: React.ReactNode;
};

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** Activate, Suspend and Retire for callers who may run the workflow's lifecycle. */
export function LifecycleControls({ workflowId, workflowName, status, children }: LifecycleControlsProps) {
  const [problems, setProblems] = React.useState<string[]>([]);
  const [running, setRunning] = React.useState<"activate" | "suspend" | null>(null);
  const [pending, startTransition] = React.useTransition();

  function activate() {
    setRunning("activate");
    startTransition(async () => {
      const result = await activateWorkflowAction({ id: workflowId });
      if (!result.ok) {
        toast.error(result.error);
        // The domain names each missing prerequisite as a field error; list them where the button is.
        setProblems(Object.values(result.fieldErrors ?? {}).flat().map(sentence));
        return;
      }
      setProblems([]);
      toast.success(`“${workflowName}” is active. Entitlements can now be requested against it.`);
    });
  }

  function suspend() {
    setRunning("suspend");
    startTransition(async () => {
      const result = await suspendWorkflowAction({ id: workflowId });
      if (!result.ok) return void toast.error(result.error);
      toast.success(`“${workflowName}” is suspended: every runtime decision for it is denied until it is activated again.`);
    });
  }

  return (
    <div className="grid justify-items-start gap-3 sm:justify-items-end">
      <div className="flex flex-wrap items-center gap-2">
        {children}
        {status === "draft" || status === "suspended" ? (
          <Button onClick={activate} loading={pending && running === "activate"} disabled={pending}>
            <Play aria-hidden="true" />
            Activate
          </Button>
        ) : null}
        {status === "active" ? (
          <Button variant="outline" onClick={suspend} loading={pending && running === "suspend"} disabled={pending}>
            <Pause aria-hidden="true" />
            Suspend
          </Button>
        ) : null}
        {status !== "retired" ? <RetireDialog workflowId={workflowId} workflowName={workflowName} /> : null}
      </div>
      {problems.length ? (
        <InlineAlert title="The workflow cannot be activated yet" className="max-w-md">
          <ul className="list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p className="mt-1">Edit the workflow (or transfer ownership for a missing owner), then activate it again.</p>
        </InlineAlert>
      ) : null}
    </div>
  );
}
