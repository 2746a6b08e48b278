"use client";

import * as React from "react";
import Link from "next/link";
import { toast } from "sonner";
import { z } from "zod";
import { bulkDecideReviewsAction, decideReviewAction } from "@/app/(dashboard)/reviews/actions";
import { SensitivityBadge } from "@/components/data-sets/sensitivity-badge";
import { ReasonConfirmDialog } from "@/components/forms/reason-confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TActionsHead, TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { When } from "@/components/ui/when";
import type { ReviewRow } from "@/lib/domain/reviews/list-reviews";
import { cn, formatDateTime } from "@/lib/utils";
import { text } from "@/lib/validation/common";
import { DelegateReviewDialog, ModifyReviewDialog, RevokeReviewDialog, nextReviewToast } from "./review-dialogs";

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";
const RISK = { 3: { label: "High", variant: "danger" }, 2: { label: "Medium", variant: "warning" }, 1: { label: "Low", variant: "neutral" } } as const;

const titleOf = (r: ReviewRow) => `${r.identity.name} → ${r.entitlement.actions.join(", ")} on ${r.dataSet.name} for ${r.workflow.name}`;

/** "My reviews": one row per open item with the context the decision needs, row and bulk decisions. */
export function ReviewQueue({
  items,
  now,
  focus,
  meId,
  showReviewer = false,
}: {
  items: ReviewRow[];
  now: Date;
  focus?: string;
  /** Only the assigned reviewer decides: other people's rows show who holds them instead of buttons. */
  meId: string | null;
  showReviewer?: boolean;
}) {
  const [selected, setSelected] = React.useState<ReadonlySet<string>>(new Set());
  const [pending, startTransition] = React.useTransition();
  // Items decided here disappear at once; the server's refreshed list agrees a moment later.
  const [done, markDone] = React.useOptimistic<ReadonlySet<string>, string[]>(new Set(), (state, ids) => new Set([...state, ...ids]));
  const visible = items.filter((r) => !done.has(r.id));
  const decidable = visible.filter((r) => r.reviewer?.id === meId);
  const chosen = visible.filter((r) => selected.has(r.id));
  const allChosen = decidable.length > 0 && chosen.length === decidable.length;

  // Notification links (delegation, reminders) carry ?focus=<item id>: bring that row into view.
  React.useEffect(() => {
    if (focus) document.getElementById(`review-${focus}`)?.scrollIntoView({ block: "center" });
  }, [focus]);

  function toggle(id: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function certify(r: ReviewRow) {
    startTransition(async () => {
      markDone([r.id]);
      const result = await decideReviewAction({ id: r.id, decision: "certify" });
      if (!result.ok) toast.error(result.error);
      else toast.success(nextReviewToast(titleOf(r), result.data.nextReviewAt));
    });
  }

  function bulkCertify() {
    const ids = chosen.map((r) => r.id);
    startTransition(async () => {
      markDone(ids);
      const result = await bulkDecideReviewsAction({ itemIds: ids, decision: "certify" });
      reportBulk(result, "Certified");
      setSelected(new Set());
    });
  }

  return (
    <div className="grid gap-3">
      <div role="toolbar" aria-label="Bulk decisions" className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-muted-foreground" aria-live="polite">
          {chosen.length ? `${chosen.length} selected` : "Select rows to decide several at once"}
        </span>
        <Button size="sm" onClick={bulkCertify} disabled={pending || chosen.length === 0}>
          Certify selected
        </Button>
        <ReasonConfirmDialog
          trigger={
            <Button size="sm" variant="destructive" disabled={pending || chosen.length === 0}>
              Revoke selected
            </Button>
          }
          title={`Revoke ${chosen.length} ${chosen.length === 1 ? "entitlement" : "entitlements"}?`}
          description="Each selected entitlement and the credentials issued for it are revoked at once, and the revocation hooks are told."
          confirmLabel="Revoke access"
          reasonId="bulk-revoke-reason"
          reasonHint="Required. Recorded in the audit trail for every selected item."
          reasonRows={3}
          parse={(reason) => z.object({ reason: text(2000) }).safeParse({ reason })}
          action={async ({ reason }) => {
            const result = await bulkDecideReviewsAction({ itemIds: chosen.map((r) => r.id), decision: "revoke", rationale: reason });
            if (result.ok) setSelected(new Set());
            return result;
          }}
          done={(data) => bulkMessage(data, "Revoked")}
        />
      </div>
      <Table>
        <THead>
          <TR>
            <TH className="w-8">
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={allChosen}
                onChange={(e) => setSelected(e.target.checked ? new Set(decidable.map((r) => r.id)) : new Set())}
                disabled={decidable.length === 0}
                className="size-4 cursor-pointer accent-primary"
              />
            </TH>
            <TH>Access</TH>
            <TH>Risk</TH>
            <TH>Last used</TH>
            <TH>Open findings</TH>
            <TH>Credential age</TH>
            <TH>Approved by</TH>
            <TH>Due</TH>
            <TActionsHead />
          </TR>
        </THead>
        <TBody>
          {visible.map((r) => {
            const describedBy = `review-${r.id}-title`;
            const target = { id: r.id, title: titleOf(r), actions: r.entitlement.actions, describedBy };
            const risk = RISK[r.risk as 1 | 2 | 3] ?? RISK[1];
            const mine = r.reviewer?.id === meId;
            return (
              <TR
                key={r.id}
                id={`review-${r.id}`}
                aria-current={r.id === focus ? "true" : undefined}
                data-state={selected.has(r.id) ? "selected" : undefined}
                className={cn(r.overdue && "bg-danger/5", r.id === focus && "ring-2 ring-primary/40 ring-inset")}
              >
                <TD>
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.identity.name} on ${r.dataSet.name}`}
                    checked={selected.has(r.id)}
                    onChange={(e) => toggle(r.id, e.target.checked)}
                    disabled={!mine}
                    className="size-4 cursor-pointer accent-primary"
                  />
                </TD>
                <TD className="min-w-64">
                  <div id={describedBy} className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
                    <Link href={`/identities/${r.identity.id}`} className={linkClass}>
                      {r.identity.name}
                    </Link>
                    <span aria-hidden="true">→</span>
                    <span className="font-semibold">{r.entitlement.actions.join(", ")}</span>
                    <span className="text-muted-foreground">on</span>
                    <span className="font-medium">{r.dataSet.name}</span>
                    <SensitivityBadge sensitivity={r.dataSet.sensitivity} />
                    <Badge variant="outline">{r.dataSet.environment}</Badge>
                  </div>
                  <p className="text-xs text-muted-foreground">
                    <Link href={`/workflows/${r.workflow.id}`} className="underline-offset-4 hover:underline">
                      {r.workflow.name}
                    </Link>
                    {r.campaign ? ` · campaign ${r.campaign.name}` : " · cadence review"}
                    {r.delegatedFrom ? ` · delegated by ${r.delegatedFrom.name}: ${r.delegationReason ?? ""}` : ""}
                    {showReviewer ? ` · reviewer ${r.reviewer?.name ?? "unassigned"}` : ""}
                  </p>
                </TD>
                <TD>
                  <Badge variant={risk.variant}>{risk.label}</Badge>
                  {r.identity.classification === "privileged" ? <span className="block text-xs text-muted-foreground">privileged NHI</span> : null}
                </TD>
                <TD className="whitespace-nowrap">
                  <When value={r.identity.lastUsedAt} now={now} relative />
                </TD>
                <TD>{r.openFindings ? <Badge variant="warning">{r.openFindings}</Badge> : <span className="text-muted-foreground">None</span>}</TD>
                <TD className="whitespace-nowrap">
                  {r.credentialAgeDays === null ? <span className="text-muted-foreground">No static credential</span> : `${r.credentialAgeDays} d`}
                </TD>
                <TD className="text-xs">
                  <Approval side="Business" approval={r.businessApproval} />
                  <Approval side="Identity" approval={r.identityApproval} />
                </TD>
                <TD className="whitespace-nowrap">
                  <time dateTime={r.dueAt.toISOString()} title={formatDateTime(r.dueAt)} className={cn(r.overdue && "font-medium text-danger")}>
                    {formatDateTime(r.dueAt).slice(0, 10)}
                  </time>
                  {r.overdue ? (
                    <Badge variant="danger" className="ml-1.5">
                      Overdue
                    </Badge>
                  ) : null}
                  {r.escalationLevel > 0 ? <span className="block text-xs text-muted-foreground">Escalated ×{r.escalationLevel}</span> : null}
                </TD>
                <TD>
                  {mine ? (
                    <div className="flex flex-wrap justify-end gap-1.5">
                      <Button size="sm" onClick={() => certify(r)} disabled={pending} aria-describedby={describedBy}>
                        Certify
                      </Button>
                      <RevokeReviewDialog target={target} disabled={pending} />
                      <ModifyReviewDialog target={target} disabled={pending} />
                      <DelegateReviewDialog target={target} disabled={pending} />
                    </div>
                  ) : (
                    <span className="text-xs text-muted-foreground">{r.reviewer ? `With ${r.reviewer.name}` : "Unassigned"}</span>
                  )}
                </TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
    </div>
  );
}

function Approval({ side, approval }: { side: string; approval: { name: string; at: Date } | null }) {
  if (!approval) return <span className="block text-muted-foreground">{side}: —</span>;
  return (
    <span className="block whitespace-nowrap">
      {side}: {approval.name}, <time dateTime={approval.at.toISOString()}>{formatDateTime(approval.at).slice(0, 10)}</time>
    </span>
  );
}

type BulkData = { decided: number; failed: number; results: ({ ok: true } | { ok: false; error: string })[] };

function bulkMessage(data: BulkData, verb: string) {
  return data.failed ? `${verb} ${data.decided}; ${data.failed} could not be decided` : `${verb} ${data.decided} ${data.decided === 1 ? "item" : "items"}`;
}

function reportBulk(result: { ok: true; data: BulkData } | { ok: false; error: string }, verb: string) {
  if (!result.ok) return toast.error(result.error);
  if (result.data.failed) {
    const first = result.data.results.find((r): r is { ok: false; error: string } => !r.ok);
    toast.warning(`${bulkMessage(result.data, verb)}: ${first?.error ?? ""}`);
  } else toast.success(bulkMessage(result.data, verb));
}
