import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { WorkflowMatrixCell } from "@/lib/domain/overview/get-overview";
import { cn } from "@/lib/utils";
import { autonomyLevel, workflowStatus } from "@/lib/validation/workflows";
import { humanize } from "@/components/lists/list-controls";

function Count({ value, strong = false }: { value: number; strong?: boolean }) {
  return <TD className={cn("text-right tabular-nums", value === 0 && "text-muted-foreground", strong && "font-semibold")}>{value}</TD>;
}

export function WorkflowMatrix({ cells }: { cells: WorkflowMatrixCell[] }) {
  const at = (autonomy: string, status: string) =>
    cells.find((c) => c.autonomy === autonomy && c.status === status)?.count ?? 0;
  const rowTotal = (autonomy: string) => cells.filter((c) => c.autonomy === autonomy).reduce((n, c) => n + c.count, 0);
  const columnTotal = (status: string) => cells.filter((c) => c.status === status).reduce((n, c) => n + c.count, 0);
  const total = cells.reduce((n, c) => n + c.count, 0);

  return (
    <Card>
      <CardHeader>
        <CardTitle id="workflow-matrix-heading">Workflows by autonomy and status</CardTitle>
        <CardDescription>Autonomous workflows act without a human approving each step; they get the shortest review cadence.</CardDescription>
      </CardHeader>
      <CardContent>
        <Table aria-labelledby="workflow-matrix-heading">
          <THead>
            <TR>
              <TH scope="col">Autonomy</TH>
              {workflowStatus.options.map((s) => (
                <TH key={s} scope="col" className="text-right">
                  {humanize(s)}
                </TH>
              ))}
              <TH scope="col" className="text-right">
                Total
              </TH>
            </TR>
          </THead>
          <TBody>
            {autonomyLevel.options.map((a) => (
              <TR key={a}>
                <TH scope="row" className="h-auto bg-transparent py-2 text-sm font-medium text-foreground shadow-none">
                  {humanize(a)}
                </TH>
                {workflowStatus.options.map((s) => (
                  <Count key={s} value={at(a, s)} />
                ))}
                <Count value={rowTotal(a)} strong />
              </TR>
            ))}
            <TR className="bg-muted/40">
              <TH scope="row" className="h-auto bg-transparent py-2 text-sm font-semibold text-foreground shadow-none">
                Total
              </TH>
              {workflowStatus.options.map((s) => (
                <Count key={s} value={columnTotal(s)} strong />
              ))}
              <Count value={total} strong />
            </TR>
          </TBody>
        </Table>
      </CardContent>
    </Card>
  );
}
