import { Download } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { CSV_EXAMPLE, CSV_OPTIONAL_COLUMNS, CSV_REQUIRED_COLUMNS } from "@/lib/validation/import";

const EXAMPLE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(CSV_EXAMPLE)}`;

/** The CSV layout in brief, with the example file; docs/import-csv.md has every rule. */
export function CsvFormatHelp() {
  return (
    <details className="rounded-md border border-border bg-muted/40 px-4 py-3 text-sm">
      <summary className="cursor-pointer font-medium">CSV columns and an example</summary>
      <div className="mt-3 grid gap-2 text-muted-foreground">
        <p>
          Required: <code className="text-foreground">{CSV_REQUIRED_COLUMNS.join(", ")}</code>. Optional:{" "}
          <code className="text-foreground">{CSV_OPTIONAL_COLUMNS.join(", ")}</code>. Columns may come in any order.
        </p>
        <p>
          Rows are matched on provider and external id: existing identities are updated, new ones created. Empty optional cells keep the stored
          value; dates are RFC 3339 (<code>2026-01-14T09:12:44Z</code>); owner e-mails must belong to active users. The full reference is{" "}
          <code>docs/import-csv.md</code>.
        </p>
        <pre className="overflow-x-auto rounded bg-card p-2 text-xs text-foreground">{CSV_EXAMPLE}</pre>
        <a href={EXAMPLE_HREF} download="countersign-inventory-example.csv" className={buttonVariants({ variant: "outline", size: "sm", className: "justify-self-start" })}>
          <Download aria-hidden="true" /> Download example
        </a>
      </div>
    </details>
  );
}
