"use client";

import * as React from "react";
import { toast } from "sonner";
import { RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { replayDeliveryAction } from "@/app/(dashboard)/settings/hooks/actions";

export function ReplayButton({ deliveryId, describedBy }: { deliveryId: string; describedBy?: string }) {
  const [pending, startTransition] = React.useTransition();

  function replay() {
    startTransition(async () => {
      const result = await replayDeliveryAction({ id: deliveryId });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success("Delivery queued again. It goes out within moments with the same id, so the receiver can de-duplicate it.");
    });
  }

  return (
    <Button type="button" variant="outline" size="sm" onClick={replay} loading={pending} aria-describedby={describedBy}>
      {pending ? null : <RotateCcw aria-hidden="true" />}
      Replay
    </Button>
  );
}
