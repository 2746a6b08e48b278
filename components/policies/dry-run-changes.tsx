import { ArrowRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import { formatDateTime } from "@/lib/utils";

export type DryRunView = {
  examined: number;
  evaluated: number;
  changes: {
    decisionId: string;
    decidedAt: Date;
    action: string;
    identity: { id: string; name: string };
    dataSet: { id: string; name: string };
    workflow: { id: string; name: string };
    from: "allow" | "deny";
    to: "allow" | "deny";
    policies: string[];
  }[];
};

function Outcome({ value }: { value: "allow" | "deny" }) {
  return <Badge variant={value === "allow" ? "success" : "danger"}>{value === "allow" ? "Allow" : "Deny"}</Badge>;
}

/** What a dry run found: counts, then every decision that would change. */
export function DryRunChanges({ result }: { result: DryRunView }) {
  const newlyDenied = result.changes.filter((c) => c.to === "deny").length;
  const newlyAllowed = result.changes.length - newlyDenied;
  return (
    <div className="grid gap-3" aria-live="polite">
      <p className="text-sm">
        Looked at the newest <strong>{result.examined}</strong> decisions; <strong>{result.evaluated}</strong> reached the guardrail step.{" "}
        {result.changes.length === 0 ? (
          <span>None would change.</span>
        ) : (
          <span>
            <strong className="text-danger">{newlyDenied}</strong> allowed would be denied, <strong className="text-success">{newlyAllowed}</strong> denied
            would be allowed.
          </span>
        )}
      </p>
      {result.changes.length > 0 ? (
        <Table stickyHeader aria-label="Decisions that would change">
          <THead>
            <TR>
              <TH>Decided</TH>
              <TH>Identity</TH>
              <TH>Action</TH>
              <TH>Data set</TH>
              <TH>Workflow</TH>
              <TH>Change</TH>
              <TH>Forbidden by</TH>
            </TR>
          </THead>
          <TBody>
            {result.changes.map((c) => (
              <TR key={c.decisionId}>
                <TD className="whitespace-nowrap text-muted-foreground">
                  <time dateTime={new Date(c.decidedAt).toISOString()}>{formatDateTime(c.decidedAt)}</time>
                </TD>
                <TD className="font-mono text-xs">{c.identity.name}</TD>
                <TD>{c.action}</TD>
                <TD>{c.dataSet.name}</TD>
                <TD>{c.workflow.name}</TD>
                <TD className="whitespace-nowrap">
                  <span className="inline-flex items-center gap-1">
                    <Outcome value={c.from} />
                    <ArrowRight aria-label="would become" className="size-3.5" />
                    <Outcome value={c.to} />
                  </span>
                </TD>
                <TD className="font-mono text-xs">{c.policies.join(", ") || "—"}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      ) : null}
    </div>
  );
}
