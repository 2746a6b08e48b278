"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter } from "@/components/ui/dialog";
import type { WorkflowChangeImpact } from "@/lib/domain/workflows/update-workflow";
import { cn } from "@/lib/utils";

export type ChangeImpactDialogProps = {
  impact: WorkflowChangeImpact | null;
  onCancel: () => void;
  onConfirm: () => void;
  saving: boolean;
};

/** The dry-run result of an edit: what access widens, narrows or now exceeds the approval, and what autonomy changes. */
export function ChangeImpactDialog({ impact, onCancel, onConfirm, saving }: ChangeImpactDialogProps) {
  const quiet =
    impact !== null && !impact.widened.length && !impact.narrowed.length && !impact.nowExceeding.length && !impact.autonomy;

  return (
    <Dialog open={impact !== null} onOpenChange={(open) => !open && !saving && onCancel()}>
      <DialogContent
        title="Review the impact before saving"
        description="This is what saving will do. Nothing has changed yet."
        className="max-w-2xl"
      >
        {impact ? (
          <div className="grid gap-4 text-sm">
            {quiet ? <p>No access widens or narrows, and no entitlement falls outside the approval.</p> : null}
            <ImpactBlock
              title="Access added"
              note="This widens the approval; the identity owner will be notified."
              tone="warning"
              items={impact.widened.map((d) => `${d.dataSetName}: + ${d.actions.join(", ")}`)}
            />
            <ImpactBlock
              title="Access removed"
              note="This narrows the approval."
              items={impact.narrowed.map((d) => `${d.dataSetName}: − ${d.actions.join(", ")}`)}
            />
            <ImpactBlock
              title={`${impact.nowExceeding.length} ${impact.nowExceeding.length === 1 ? "entitlement" : "entitlements"} will exceed the approval`}
              note="Revoke them or cover them with an exception."
              tone="danger"
              items={impact.nowExceeding.map((e) => `${e.nhiName} on ${e.dataSetName}: ${e.actions.join(", ")} (${e.status})`)}
            />
            {impact.autonomy ? <AutonomyImpact posture={impact.autonomy} /> : null}
          </div>
        ) : null}
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline" disabled={saving}>
              Back to editing
            </Button>
          </DialogClose>
          <Button type="button" onClick={onConfirm} loading={saving}>
            Save changes
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

const TONES = {
  neutral: "border-border",
  warning: "border-warning/40 bg-warning/5",
  danger: "border-danger/30 bg-danger/5",
} as const;

function ImpactBlock({ title, note, items, tone = "neutral" }: { title: string; note: string; items: string[]; tone?: keyof typeof TONES }) {
  if (items.length === 0) return null;
  return (
    <section className={cn("grid gap-1.5 rounded-md border p-3", TONES[tone])}>
      <h3 className="font-semibold">{title}</h3>
      <p className="text-muted-foreground">{note}</p>
      <ul className="list-disc space-y-0.5 pl-5">
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

function AutonomyImpact({ posture }: { posture: NonNullable<WorkflowChangeImpact["autonomy"]> }) {
  const nhis = posture.reclassifiedNhis;
  const credentials = posture.flaggedCredentials;
  return (
    <section className={cn("grid gap-1.5 rounded-md border p-3", TONES.warning)}>
      <h3 className="font-semibold">Raising the workflow to autonomous</h3>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          {nhis.length === 0
            ? "Every identity serving it is already privileged."
            : `Reclassified to privileged: ${nhis.map((n) => n.name).join(", ")}.`}
        </li>
        <li>
          JIT tokens capped at {Math.round(posture.jitTtlCapSeconds / 60)} min
          {posture.cappedJitEntitlements ? ` (${posture.cappedJitEntitlements} entitlements shortened)` : ""}.
        </li>
        <li>
          Review cadence {posture.cadenceDays} days
          {posture.rescheduledReviews ? ` (${posture.rescheduledReviews} reviews brought forward)` : ""}.
        </li>
        <li>
          {credentials.length === 0
            ? "No long-lived credentials to flag."
            : `Long-lived credentials flagged for rotation: ${credentials.map((c) => `${c.name} (${c.nhiName})`).join(", ")}.`}
        </li>
      </ul>
    </section>
  );
}
