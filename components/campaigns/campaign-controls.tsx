"use client";

import * as React from "react";
import { Bell, Lock, Rocket } from "lucide-react";
import { toast } from "sonner";
import { closeCampaignAction, launchCampaignAction, remindCampaignAction } from "@/app/(dashboard)/campaigns/actions";
import { ReasonConfirmDialog } from "@/components/forms/reason-confirm-dialog";
import { Button } from "@/components/ui/button";
import { reason } from "@/lib/validation/common";

export type CampaignControlsProps = {
  id: string;
  name: string;
  status: "draft" | "active" | "closed";
  nonResponse: "keep" | "revoke";
  pending: number;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Launch (draft), Remind and Close (active): each confirms what it will do and toasts what it did. */
export function CampaignControls({ id, name, status, nonResponse, pending }: CampaignControlsProps) {
  const [reminding, startRemind] = React.useTransition();

  function remind() {
    startRemind(async () => {
      const result = await remindCampaignAction({ id });
      if (!result.ok) return void toast.error(result.error);
      toast.success(
        result.data.reviewersNotified
          ? `Reminded ${plural(result.data.reviewersNotified, "reviewer")} about ${plural(result.data.pendingItems, "pending item")}.`
          : "Nobody to remind: no reviewer has pending items.",
      );
    });
  }

  if (status === "draft") {
    return (
      <ReasonConfirmDialog
        trigger={
          <Button>
            <Rocket aria-hidden="true" />
            Launch
          </Button>
        }
        title={`Launch “${name}”?`}
        description="Launching freezes the population: every active entitlement in scope gets a first-stage review item with a snapshot of its facts, hashed so later changes cannot alter it. Reviewers are notified. This cannot be undone."
        confirmLabel="Launch campaign"
        confirmVariant="default"
        reasonId={`launch-reason-${id}`}
        parse={(r) => reason.safeParse(r)}
        action={(r) => launchCampaignAction({ id, reason: r })}
        done={(d) =>
          `Launched: ${plural(d.populationSize, "entitlement")} frozen for review by ${plural(d.reviewers, "reviewer")}` +
          (d.unassigned ? `; ${plural(d.unassigned, "item")} without an eligible reviewer — reassign them below.` : ".")
        }
      />
    );
  }
  if (status !== "active") return null;

  const consequence =
    nonResponse === "revoke"
      ? `The non-response policy is REVOKE: ${plural(pending, "undecided entitlement")} will be revoked now — credentials, runtime decisions and revocation hooks, exactly as a Revoke click.`
      : `The non-response policy is KEEP: ${plural(pending, "undecided entitlement")} will be recorded as non-response and keep their access.`;

  return (
    <>
      <Button variant="outline" onClick={remind} loading={reminding}>
        <Bell aria-hidden="true" />
        Remind
      </Button>
      <ReasonConfirmDialog
        trigger={
          <Button variant={nonResponse === "revoke" ? "destructive" : "default"}>
            <Lock aria-hidden="true" />
            Close
          </Button>
        }
        title={`Close “${name}”?`}
        description={`${consequence} Closing ends the campaign; no more decisions can be recorded.`}
        confirmLabel="Close campaign"
        confirmVariant={nonResponse === "revoke" ? "destructive" : "default"}
        reasonId={`close-reason-${id}`}
        parse={(r) => reason.safeParse(r)}
        action={(r) => closeCampaignAction({ id, reason: r })}
        done={(d) =>
          d.nonResponse === 0
            ? "Campaign closed. Every entitlement had a decision."
            : d.policy === "revoke"
              ? `Campaign closed. ${plural(d.nonResponse, "non-response")}: ${plural(d.revoked, "entitlement")} revoked.`
              : `Campaign closed. ${plural(d.nonResponse, "non-response")}: access kept and recorded.`
        }
      />
    </>
  );
}
