import * as React from "react";
import Link from "next/link";
import { frameworkLabel } from "@/components/findings/severity-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { humanize } from "@/components/lists/list-controls";
import type { MyActions, OwnedFinding, PendingApproval, PendingReview, Queue } from "@/lib/domain/overview/list-my-actions";
import { formatDateTime, formatRelative } from "@/lib/utils";

const SEVERITY_VARIANT = { low: "neutral", medium: "info", high: "warning", critical: "danger" } as const;

function When({ date, now }: { date: Date; now: Date }) {
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)} className="tabular-nums">
      {formatRelative(date, now)}
    </time>
  );
}

function Section<T>({
  id,
  title,
  queue,
  keyOf,
  render,
}: {
  id: string;
  title: string;
  queue: Queue<T>;
  keyOf: (item: T) => string;
  render: (item: T) => React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="grid gap-2">
      <h3 id={id} className="flex items-center gap-2 text-sm font-medium">
        {title}
        <Badge variant={queue.total > 0 ? "warning" : "neutral"} className="tabular-nums">
          {queue.total}
        </Badge>
      </h3>
      {queue.items.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-3 py-2 text-sm text-muted-foreground">Nothing waiting for you</p>
      ) : (
        <ul className="grid divide-y divide-border rounded-md border border-border">
          {queue.items.map((item) => (
            <li key={keyOf(item)} className="grid gap-1 px-3 py-2 text-sm">
              {render(item)}
            </li>
          ))}
        </ul>
      )}
      {queue.total > queue.items.length ? (
        <p className="text-xs text-muted-foreground tabular-nums">
          Showing {queue.items.length} of {queue.total}.
        </p>
      ) : null}
    </section>
  );
}

function Grant({ nhi, dataSet, workflow }: { nhi: string; dataSet: string; workflow: string }) {
  return (
    <span className="min-w-0">
      <span className="font-medium">{nhi}</span>
      <span className="text-muted-foreground"> on </span>
      <span className="font-medium">{dataSet}</span>
      <span className="block text-xs text-muted-foreground">for {workflow}</span>
    </span>
  );
}

export function MyActionsCard({ actions, now }: { actions: MyActions; now: Date }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Needs your action</CardTitle>
        <CardDescription>Requests waiting for your signature, reviews assigned to you and findings you own.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <Section<PendingApproval>
          id="my-approvals"
          title="Requests to approve"
          queue={actions.approvals}
          keyOf={(a) => a.entitlementId}
          render={(a) => (
            <>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <Grant nhi={a.nhiName} dataSet={a.dataSetName} workflow={a.workflowName} />
                <Badge variant="info">{a.side === "business" ? "Business approval" : "Identity approval"}</Badge>
              </div>
              <p className="text-xs text-muted-foreground">
                {a.actions.join(", ")} · requested <When date={a.requestedAt} now={now} />
              </p>
            </>
          )}
        />
        <Section<PendingReview>
          id="my-reviews"
          title="Reviews due"
          queue={actions.reviews}
          keyOf={(r) => r.reviewItemId}
          render={(r) => (
            <>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <Grant nhi={r.nhiName} dataSet={r.dataSetName} workflow={r.workflowName} />
                {r.dueAt < now ? <Badge variant="danger">Overdue</Badge> : null}
              </div>
              <p className="text-xs text-muted-foreground">
                {humanize(r.stage)} stage{r.campaignId ? " · campaign" : ""} · due <When date={r.dueAt} now={now} />
              </p>
            </>
          )}
        />
        <Section<OwnedFinding>
          id="my-findings"
          title="Open findings you own"
          queue={actions.findings}
          keyOf={(f) => f.id}
          render={(f) => (
            <>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <Link href={`/findings?ruleId=${f.ruleId}`} className="font-medium underline-offset-4 hover:underline">
                  {f.title}
                </Link>
                <Badge variant={SEVERITY_VARIANT[f.severity]}>{humanize(f.severity)}</Badge>
              </div>
              <p className="text-xs text-muted-foreground">
                {humanize(f.targetType)}
                {f.frameworks.length ? ` · ${f.frameworks.map(frameworkLabel).join(", ")}` : ""} · first seen <When date={f.firstSeenAt} now={now} />
              </p>
            </>
          )}
        />
      </CardContent>
    </Card>
  );
}
