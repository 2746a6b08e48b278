import * as React from "react";
import { Building2 } from "lucide-react";
import { cn } from "@/lib/utils";

// OWASP NHI3 (vulnerable third-party NHI): the vendor runs the workload, but the secrets it holds stay the identity team's duty.
export const VENDOR_OBLIGATIONS = [
  {
    title: "Secrets handling",
    body: "Credentials issued to the vendor live in a managed secret store, never in the vendor's configuration, tickets or chat; the vendor gets no standing admin secrets.",
  },
  {
    title: "Rotation",
    body: "Every credential the vendor holds is rotated on a fixed schedule, and at once when the vendor reports an incident or a staff change.",
  },
  {
    title: "Evidence",
    body: "The vendor's attestations (e.g. SOC 2) and access logs are kept with this workflow's review decisions for every review cycle.",
  },
] as const;

export type VendorObligationsProps = { vendor: string | null; className?: string };

export function VendorObligations({ vendor, className }: VendorObligationsProps) {
  return (
    <div className={cn("grid gap-3 rounded-lg border border-info/25 bg-info/5 p-4", className)}>
      <h3 className="flex items-center gap-2 text-sm font-semibold">
        <Building2 aria-hidden="true" className="size-4 text-info" />
        {vendor ? `Identity team obligations for ${vendor}` : "Identity team obligations for vendor-managed tooling"}
      </h3>
      <dl className="grid gap-2 text-sm">
        {VENDOR_OBLIGATIONS.map((o) => (
          <div key={o.title} className="grid gap-0.5">
            <dt className="font-medium">{o.title}</dt>
            <dd className="text-muted-foreground">{o.body}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
