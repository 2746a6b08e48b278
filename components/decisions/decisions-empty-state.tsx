import Link from "next/link";
import { Scale } from "lucide-react";
import { CopyButton } from "@/components/identities/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { cn, focusRing } from "@/lib/utils";

/** A request an agent (or its gateway) can send as is, once the placeholders are filled in. */
export function evaluationCurl(baseUrl: string): string {
  const body = {
    subject: { type: "nhi", id: "aws:arn:aws:iam::123456789012:role/claims-summariser" },
    action: { name: "read" },
    resource: { type: "data_set", id: "Claims ledger" },
    context: { workflow: "<workflow id>" },
  };
  return [
    `curl -X POST ${baseUrl}/access/v1/evaluation \\`,
    `  -H "Authorization: Bearer $COUNTERSIGN_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${JSON.stringify(body)}'`,
  ].join("\n");
}

export type DecisionsEmptyStateProps = {
  /** A filter is applied: the log is not empty, this view is. */
  filtered: boolean;
  baseUrl: string;
  /** Whether the viewer can create API keys (admins), to link there. */
  mayManageKeys: boolean;
};

export function DecisionsEmptyState({ filtered, baseUrl, mayManageKeys }: DecisionsEmptyStateProps) {
  if (filtered) {
    return (
      <EmptyState
        icon={Scale}
        title="No decisions match these filters"
        description="Widen the time range or clear a filter. Decisions whose identity or data set did not resolve have no identity or data set to filter on."
      />
    );
  }
  const curl = evaluationCurl(baseUrl);
  return (
    <EmptyState
      icon={Scale}
      title="No decisions recorded yet"
      description={
        <>
          Agents and gateways ask Countersign before each call: POST an OpenID AuthZEN request to <code className="font-mono">/access/v1/evaluation</code> with an API key of
          scope <code className="font-mono">authorize</code>
          {mayManageKeys ? (
            <>
              {" "}
              (create one under{" "}
              <Link href="/settings/api-keys" className={cn("rounded-sm text-primary hover:underline", focusRing)}>
                Settings → API keys
              </Link>
              )
            </>
          ) : (
            " (an admin creates one under Settings → API keys)"
          )}
          . The subject is the NHI (its id, provider:externalId or SPIFFE id), the resource the data set (id or name). Every answer, allow or deny, is listed here with its reason.
        </>
      }
      action={
        <figure className="grid w-full max-w-3xl gap-1 text-left">
          <figcaption className="flex items-center justify-between text-xs font-medium text-muted-foreground">
            Example request
            <CopyButton value={curl} label="Example request" />
          </figcaption>
          <pre className="overflow-x-auto rounded-md border border-border bg-muted/60 p-3 font-mono text-xs leading-relaxed whitespace-pre">{curl}</pre>
          <p className="text-xs text-muted-foreground">
            Answer: <code className="font-mono">{`{ "decision": true, "context": { "id": "…" } }`}</code>, or <code className="font-mono">false</code> with{" "}
            <code className="font-mono">context.reason_admin.code</code>. Discovery: <code className="font-mono">{`${baseUrl}/.well-known/authzen-configuration`}</code>.
          </p>
        </figure>
      }
    />
  );
}
