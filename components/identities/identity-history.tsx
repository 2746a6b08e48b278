import * as React from "react";
import Link from "next/link";
import { humanize } from "@/components/lists/list-controls";
import type { IdentityDetail } from "@/lib/domain/identities/get-identity";
import { formatDateTime, formatRelative } from "@/lib/utils";
import { IdentitySection } from "./identity-section";

type AuditEvent = IdentityDetail["history"][number];

/** "identity.updated" → "Identity updated", plus which fields changed. */
function describe(event: AuditEvent): string {
  const what = humanize(event.action.replace(/[._]/g, " "));
  if (event.action !== "identity.updated" || !event.after) return what;
  const fields = Object.keys(event.after).map((k) => k.replace(/Id$/, "").replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`));
  return fields.length ? `${what}: ${fields.join(", ")}` : what;
}

/** The latest changes to this identity from the hash-chained audit trail. */
export function IdentityHistory({ identity, now }: { identity: IdentityDetail; now: Date }) {
  return (
    <IdentitySection
      id="nhi-history"
      title="History"
      description="Changes to this identity, newest first, from the append-only audit trail."
      actions={
        <Link href={`/audit?targetType=identity&targetId=${identity.id}`} className="text-sm text-primary underline-offset-4 hover:underline">
          Open in the audit trail
        </Link>
      }
    >
      {identity.history.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-3 py-3 text-sm text-muted-foreground">No recorded changes yet.</p>
      ) : (
        <ol className="grid divide-y divide-border rounded-md border border-border">
          {identity.history.map((event) => (
            <li key={event.id} className="grid gap-0.5 px-3 py-2 text-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{describe(event)}</span>
                <time dateTime={event.occurredAt.toISOString()} title={formatDateTime(event.occurredAt)} className="text-xs text-muted-foreground tabular-nums">
                  {formatRelative(event.occurredAt, now)}
                </time>
              </div>
              <span className="text-xs text-muted-foreground">
                by {event.actorLabel}
                {event.reason ? ` — “${event.reason}”` : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </IdentitySection>
  );
}
