"use client";

import * as React from "react";
import { ShieldCheck } from "lucide-react";
import { toast } from "sonner";
import type { ChainVerdict } from "@/lib/domain/audit/verify-audit-chain";
import type { ActionResult } from "@/lib/server/action";
import { Button } from "@/components/ui/button";
import { InlineAlert } from "@/components/lists/list-controls";

export type VerifyChainPanelProps = {
  /** The server action that recomputes the hash chain. */
  verify: (input: Record<string, never>) => Promise<ActionResult<ChainVerdict>>;
};

type Broken = Extract<ChainVerdict, { ok: false }>;

export function VerifyChainPanel({ verify }: VerifyChainPanelProps) {
  const [pending, startTransition] = React.useTransition();
  const [broken, setBroken] = React.useState<Broken | null>(null);

  const run = () =>
    startTransition(async () => {
      const result = await verify({});
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      if (result.data.ok) {
        setBroken(null);
        toast.success(`Chain intact: ${result.data.events.toLocaleString("en")} events`);
      } else {
        setBroken(result.data);
      }
    });

  return (
    <section aria-labelledby="chain-integrity-heading" className="mb-6 grid gap-3">
      <div className="flex flex-col gap-3 rounded-lg border border-border bg-card px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="grid gap-0.5">
          <h2 id="chain-integrity-heading" className="text-sm font-semibold">
            Chain integrity
          </h2>
          <p className="text-sm text-muted-foreground">
            Every event carries the hash of the one before it. Verifying recomputes the whole chain and names the first
            event that was altered, removed or reordered.
          </p>
        </div>
        <Button variant="outline" onClick={run} loading={pending} className="self-start sm:self-auto">
          <ShieldCheck aria-hidden="true" />
          Verify chain
        </Button>
      </div>
      {broken ? (
        <InlineAlert title={`Chain broken at event #${broken.brokenAt.seq}`}>
          <p>
            Event <code className="font-mono text-xs break-all">{broken.brokenAt.id}</code> fails verification: {broken.problem}.
          </p>
          <p className="text-muted-foreground">
            The {broken.events.toLocaleString("en")} events before it verified intact. Treat everything from this event on
            as untrusted evidence.
          </p>
        </InlineAlert>
      ) : null}
    </section>
  );
}
