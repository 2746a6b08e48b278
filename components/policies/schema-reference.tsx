/** The Cedar schema policies are validated against, folded away until needed. */
export function SchemaReference({ schema }: { schema: string }) {
  return (
    <details className="rounded-lg border border-border bg-card px-4 py-3 text-sm">
      <summary className="cursor-pointer font-medium">What a policy can read (the Cedar schema)</summary>
      <p className="mt-2 text-muted-foreground">
        Guardrails run after the entitlement check and can only forbid: a decision is denied if any active policy forbids it. Policies that read
        only <code className="font-mono">principal</code>, <code className="font-mono">resource</code>,{" "}
        <code className="font-mono">context.workflow</code> and <code className="font-mono">context.entitlement</code> are context-free and cost
        nothing per request; reading <code className="font-mono">context.hour</code> or <code className="font-mono">context.jitTokenPresented</code>{" "}
        makes a policy request-context, evaluated on every request.
      </p>
      <pre className="mt-3 max-h-96 overflow-auto rounded-md border border-border bg-muted/50 p-3 font-mono text-xs leading-5">
        <code>{schema}</code>
      </pre>
    </details>
  );
}
