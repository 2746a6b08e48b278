import * as React from "react";
import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn, focusRing } from "@/lib/utils";
import { ExpiryBadge } from "./shared-badges";
import type { AccessMap } from "./types";

export type FourQuestionsProps = {
  map: AccessMap;
  now: Date;
  /** The kill switch, when the caller may pull it. */
  killSwitch?: React.ReactNode;
};

const linkClass = cn("rounded-sm font-medium text-primary underline-offset-4 hover:underline", focusRing);

/**
 * The four questions of DESIGN.md answered in plain words for this workflow,
 * so a business owner, an identity owner and an auditor read the same page.
 */
export function FourQuestions({ map, now, killSwitch }: FourQuestionsProps) {
  const { answers, revocation } = map;
  const liveCredentials = map.credentials.filter((c) => c.status === "active");
  const nearest = liveCredentials
    .filter((c) => c.expiresAt)
    .sort((a, b) => (a.expiresAt?.getTime() ?? 0) - (b.expiresAt?.getTime() ?? 0))[0];
  const neverExpiring = liveCredentials.filter((c) => !c.expiresAt).length;
  const privileged = map.identities.filter((i) => i.classification === "privileged").length;
  const shared = map.identities.filter((i) => i.workflowsServed > 1).length;
  const revokers = [
    revocation.businessOwner ? `${revocation.businessOwner.name} (business owner)` : null,
    revocation.identityOwner ? `${revocation.identityOwner.name} (identity owner)` : null,
  ].filter((r): r is string => r !== null);

  return (
    <Card aria-labelledby="sv-four-heading" role="region">
      <CardHeader>
        <CardTitle id="sv-four-heading" className="text-lg">
          Four questions
        </CardTitle>
        <CardDescription>What justifies the access, who runs it, which secrets exist for it, and who can pull it.</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-8 gap-y-6 md:grid-cols-2">
          <Question term="Task" answer={answers.task}>
            {revocation.businessOwner ? (
              <Badge variant="outline">Business owner: {revocation.businessOwner.name}</Badge>
            ) : (
              <Badge variant="danger">No business owner</Badge>
            )}
            <Badge variant="neutral">{count(map.task.approvedDataSets.length, "approved data set")}</Badge>
          </Question>

          <Question term="Identity" answer={answers.identity}>
            {map.identities.length === 0 ? (
              <Link href="/identities" className={cn(linkClass, "text-sm")}>
                Find an NHI to bind
              </Link>
            ) : (
              <>
                <Badge variant="outline">{count(map.identities.length, "NHI")}</Badge>
                {privileged ? <Badge variant="warning">{privileged} privileged</Badge> : null}
                {shared ? <Badge variant="warning">{shared} shared with other workflows</Badge> : null}
              </>
            )}
          </Question>

          <Question term="Credentials" answer={answers.credentials}>
            <Badge variant="outline">{count(liveCredentials.length, "live credential")}</Badge>
            {nearest ? (
              <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
                Nearest expiry: {nearest.name || nearest.kind.replace(/_/g, " ")} <ExpiryBadge at={nearest.expiresAt} now={now} />
              </span>
            ) : null}
            {neverExpiring ? <Badge variant="warning">{neverExpiring} never expire</Badge> : null}
          </Question>

          <Question term="Revocation" answer={answers.revocation}>
            <ul className="flex flex-wrap gap-1.5" aria-label="Who can revoke">
              {revokers.map((r) => (
                <li key={r}>
                  <Badge variant="outline">{r}</Badge>
                </li>
              ))}
              <li>
                <Badge variant="outline">Any identity owner ({revocation.identityOwners.length})</Badge>
              </li>
            </ul>
            {revocation.hooks.length ? (
              <ul className="flex flex-wrap gap-1.5" aria-label="Revocation hooks">
                {revocation.hooks.map((h) => (
                  <li key={h.id}>
                    <Badge variant="info" title={`${h.host} · ${h.format}`}>
                      Hook: {h.name}
                    </Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="flex items-start gap-1.5 text-sm text-warning">
                <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                <span>
                  No hook carries revokes downstream yet.{" "}
                  <Link href="/settings/hooks" className={linkClass}>
                    Add a revocation hook
                  </Link>
                </span>
              </p>
            )}
            {killSwitch ? <div className="w-full pt-1">{killSwitch}</div> : null}
          </Question>
        </dl>
      </CardContent>
    </Card>
  );
}

function Question({ term, answer, children }: { term: string; answer: string; children?: React.ReactNode }) {
  return (
    <div className="grid content-start gap-2">
      <dt className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{term}</dt>
      <dd className="grid gap-2">
        <p className="text-sm leading-relaxed">{answer}</p>
        {children ? <div className="flex flex-wrap items-center gap-1.5">{children}</div> : null}
      </dd>
    </div>
  );
}

function count(n: number, noun: string) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
