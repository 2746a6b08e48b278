import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TBody, TCaption, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { ReviewerProgress, StageProgress } from "@/lib/domain/campaigns/get-campaign";
import { ProgressBar, STAGE_LABEL } from "./campaign-badges";

const n = (v: number) => v.toLocaleString("en-US");

/** Items per stage: a stage's total grows as earlier stages certify (each certify opens the next stage's item). */
export function StageProgressCard({ stages }: { stages: StageProgress[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Progress per stage</CardTitle>
        <CardDescription>Closed items were ended by a revoke at another stage or by the non-response policy.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {stages.map((s) => {
          const total = s.pending + s.decided + s.closed;
          return (
            <div key={s.stage} className="grid gap-1">
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <span className="font-medium">{STAGE_LABEL[s.stage] ?? s.stage}</span>
                <span className="text-muted-foreground tabular-nums">
                  {n(s.pending)} pending · {n(s.decided)} decided · {n(s.closed)} closed · {n(s.revokes)} revoked
                  {s.overdue ? <span className="text-danger"> · {n(s.overdue)} overdue</span> : null}
                </span>
              </div>
              <ProgressBar label={`${STAGE_LABEL[s.stage] ?? s.stage} stage resolved`} done={s.decided + s.closed} total={total} />
            </div>
          );
        })}
      </CardContent>
    </Card>
  );
}

export function ReviewerProgressTable({ reviewers }: { reviewers: ReviewerProgress[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Progress per reviewer</CardTitle>
        <CardDescription>Most pending first. “Unassigned” items had no eligible reviewer at launch: reassign them.</CardDescription>
      </CardHeader>
      <CardContent>
        {reviewers.length === 0 ? (
          <p className="text-sm text-muted-foreground">No items yet: reviewers appear once the campaign is launched.</p>
        ) : (
          <Table>
            <TCaption className="sr-only">Items per reviewer</TCaption>
            <THead>
              <TR>
                <TH>Reviewer</TH>
                <TH className="text-right">Pending</TH>
                <TH className="text-right">Decided</TH>
                <TH className="text-right">Revoked</TH>
                <TH className="text-right">Overdue</TH>
              </TR>
            </THead>
            <TBody>
              {reviewers.map((r) => (
                <TR key={r.reviewerId ?? "unassigned"}>
                  <TD>{r.reviewerId ? `${r.name} (${r.email})` : <span className="text-warning">Unassigned</span>}</TD>
                  <TD className="text-right tabular-nums">{n(r.pending)}</TD>
                  <TD className="text-right tabular-nums">{n(r.decided)}</TD>
                  <TD className="text-right tabular-nums">{n(r.revokes)}</TD>
                  <TD className={r.overdue ? "text-right text-danger tabular-nums" : "text-right tabular-nums"}>{n(r.overdue)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
