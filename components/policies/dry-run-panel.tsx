"use client";

import * as React from "react";
import { FlaskConical } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { dryRunPolicyVersionAction } from "@/app/(dashboard)/policies/actions";
import { ActivateVersion } from "./activate-version";
import { DryRunChanges, type DryRunView } from "./dry-run-changes";

export type DryRunPanelProps = {
  versionId: string;
  version: number;
  activeVersion: number | null;
  defaultLimit: number;
  maxLimit: number;
};

/**
 * Dry run, then activate: the Activate button appears once this version has
 * been replayed against recent decisions, so nobody activates blind. (The API
 * does not insist; scripts may activate directly.)
 */
export function DryRunPanel({ versionId, version, activeVersion, defaultLimit, maxLimit }: DryRunPanelProps) {
  const [limit, setLimit] = React.useState(String(defaultLimit));
  const [result, setResult] = React.useState<DryRunView | null>(null);
  const [error, setError] = React.useState<string | undefined>();
  const [pending, startTransition] = React.useTransition();

  function run(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    startTransition(async () => {
      const answer = await dryRunPolicyVersionAction({ versionId, limit });
      if (!answer.ok) {
        setError(answer.fieldErrors?.limit?.join(" ") ?? answer.error);
        if (!answer.fieldErrors?.limit) toast.error(answer.error);
        return;
      }
      setResult(answer.data);
    });
  }

  const against = activeVersion === null ? "the active policies without this one" : `the active version ${activeVersion}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Dry run and activate version {version}</CardTitle>
        <CardDescription>
          Replays the guardrail step of the newest stored decisions with version {version} in place of {against}, on today&apos;s facts of each
          decision&apos;s entitlement, at the hour it was decided. Lists allowed decisions it would deny, and decisions this policy denied that it
          would allow. Nothing is changed.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <form onSubmit={run} noValidate className="flex flex-wrap items-end gap-3">
          <Field label="Decisions to replay" htmlFor={`dry-run-limit-${versionId}`} error={error} className="w-48">
            <Input type="number" inputMode="numeric" min={1} max={maxLimit} value={limit} onChange={(e) => setLimit(e.target.value)} disabled={pending} />
          </Field>
          <Button type="submit" variant="outline" loading={pending}>
            {pending ? null : <FlaskConical aria-hidden="true" />}
            Run dry run
          </Button>
        </form>
        {result ? <DryRunChanges result={result} /> : null}
        {result ? <ActivateVersion versionId={versionId} version={version} changes={result.changes.length} /> : null}
      </CardContent>
    </Card>
  );
}
