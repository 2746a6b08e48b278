"use client";

import * as React from "react";
import Link from "next/link";
import { toast } from "sonner";
import { approveEntitlementAction } from "@/app/(dashboard)/requests/actions";
import { SensitivityBadge } from "@/components/data-sets/sensitivity-badge";
import { EntitlementStatusBadge, ExceedsApprovalBadge, formatJit } from "@/components/entitlements/entitlement-badges";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { listEntitlements } from "@/lib/domain/entitlements/list-entitlements";
import { cn, formatDateTime, formatRelative } from "@/lib/utils";
import { DenyRequestDialog } from "./deny-request-dialog";

export type RequestRow = Awaited<ReturnType<typeof listEntitlements>>["items"][number];
type Side = "business" | "identity";
type Signed = { business: boolean; identity: boolean };

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";

function ApprovalChip({ label, at, signed }: { label: string; at: Date | null; signed: boolean }) {
  return (
    <Badge variant={signed ? "success" : "neutral"} title={at ? `Approved ${formatDateTime(at)}` : signed ? "Approving…" : "Waiting for approval"}>
      {label} <span aria-hidden="true">{signed ? "✓" : "…"}</span>
      <span className="sr-only">{signed ? "approved" : "waiting"}</span>
    </Badge>
  );
}

/** One request: who wants what, why, how far the two signatures have got, and the caller's buttons. */
export function RequestItem({ request: r, focused, now }: { request: RequestRow; focused: boolean; now: Date }) {
  const ref = React.useRef<HTMLLIElement>(null);
  const [pending, startTransition] = React.useTransition();
  const [signed, markSigned] = React.useOptimistic<Signed, Side>(
    { business: Boolean(r.businessApprovedAt), identity: Boolean(r.identityApprovedAt) },
    (state, side) => ({ ...state, [side]: true }),
  );
  const titleId = `request-${r.id}-title`;
  const title = `${r.identity.name} → ${r.actions.join(", ")} on ${r.dataSet.name} for ${r.workflow.name}`;
  const open = r.waitingFor.filter((side) => !signed[side]);

  React.useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: "center" });
  }, [focused]);

  function approve(side: Side) {
    startTransition(async () => {
      markSigned(side);
      const result = await approveEntitlementAction({ id: r.id, side });
      if (!result.ok) {
        toast.error(result.error);
        return;
      }
      toast.success(
        result.data.status === "active"
          ? `Approved: ${r.identity.name} now has ${r.actions.join(", ")} on ${r.dataSet.name}`
          : `${side === "business" ? "Business" : "Identity"} side approved; waiting for the ${side === "business" ? "identity" : "business"} side`,
      );
    });
  }

  return (
    <li
      ref={ref}
      id={`request-${r.id}`}
      aria-current={focused ? "true" : undefined}
      className={cn("grid gap-3 rounded-lg border border-border bg-card px-4 py-3 shadow-xs", focused && "border-primary ring-2 ring-primary/40")}
    >
      <div className="grid gap-1">
        <h2 id={titleId} className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-sm">
          <Link href={`/identities/${r.identity.id}`} className={linkClass}>
            {r.identity.name}
          </Link>
          <span aria-hidden="true">→</span>
          <span className="sr-only">requests</span>
          <span className="font-semibold">{r.actions.join(", ")}</span>
          <span className="text-muted-foreground">on</span>
          <span className="font-medium">{r.dataSet.name}</span>
          <SensitivityBadge sensitivity={r.dataSet.sensitivity} />
          <span className="text-muted-foreground">for</span>
          <Link href={`/workflows/${r.workflow.id}`} className={linkClass}>
            {r.workflow.name}
          </Link>
        </h2>
        <p className="text-xs text-muted-foreground">
          Requested by {r.requesterName ?? "a removed user"} ·{" "}
          <time dateTime={r.createdAt.toISOString()} title={formatDateTime(r.createdAt)}>
            {formatRelative(r.createdAt, now)}
          </time>{" "}
          · {formatJit(r.jit, r.maxTtlSeconds)}
          {r.expiresAt ? ` · ends ${formatDateTime(r.expiresAt)}` : ""}
          {r.identity.classification === "privileged" ? " · privileged NHI" : ""}
        </p>
      </div>
      <blockquote className="border-l-2 border-border pl-3 text-sm whitespace-pre-line">{r.justification}</blockquote>
      {r.status === "denied" && r.denialComment ? (
        <p className="text-sm">
          <span className="font-medium text-danger">Denied:</span> {r.denialComment}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="group" aria-label="Approvals" className="flex flex-wrap items-center gap-1.5">
          {r.status !== "pending" ? <EntitlementStatusBadge status={r.status} /> : null}
          <ApprovalChip label="Business" at={r.businessApprovedAt} signed={signed.business} />
          <ApprovalChip label="Identity" at={r.identityApprovedAt} signed={signed.identity} />
          {r.exceedsApprovalSince && (r.status === "pending" || r.status === "active") ? <ExceedsApprovalBadge since={r.exceedsApprovalSince} /> : null}
        </div>
        {open.length ? (
          <div className="flex flex-wrap items-center gap-2">
            {open.map((side) => (
              <Button key={side} size="sm" onClick={() => approve(side)} disabled={pending} aria-describedby={titleId}>
                {side === "business" ? "Approve business side" : "Approve identity side"}
              </Button>
            ))}
            <DenyRequestDialog request={{ id: r.id, title }} sides={open} describedBy={titleId} disabled={pending} />
          </div>
        ) : null}
      </div>
    </li>
  );
}
