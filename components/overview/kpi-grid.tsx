import { Stat } from "@/components/ui/stat";
import type { OverviewKpis } from "@/lib/domain/overview/get-overview";

const count = (n: number) => n.toLocaleString("en");

export function KpiGrid({ kpis }: { kpis: OverviewKpis }) {
  const credentials = kpis.credentialsExpiringSoon + kpis.credentialsExpired;
  return (
    <section aria-labelledby="kpi-heading" className="grid gap-3">
      <h2 id="kpi-heading" className="sr-only">
        Key numbers
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
        <Stat
          label="Active workflows"
          value={count(kpis.activeWorkflows)}
          hint="Running with approved access"
          href="/workflows?status=active"
        />
        <Stat
          label="NHIs (active)"
          value={count(kpis.activeIdentities)}
          hint="Workload identities in use"
          href="/identities?status=active"
        />
        <Stat label="Active entitlements" value={count(kpis.activeEntitlements)} hint="Granted with both approvals" />
        <Stat
          label="Credentials expiring within 30 days"
          value={count(credentials)}
          tone={kpis.credentialsExpired > 0 ? "danger" : credentials > 0 ? "warning" : "neutral"}
          hint={
            kpis.credentialsExpired > 0
              ? `Includes ${count(kpis.credentialsExpired)} already expired but still active`
              : "None expired while still active"
          }
        />
        <Stat
          label="Pending requests"
          value={count(kpis.pendingRequests)}
          tone={kpis.pendingRequests > 0 ? "warning" : "neutral"}
          hint="Waiting for business or identity approval"
        />
        <Stat
          label="Open findings"
          value={count(kpis.openFindings)}
          tone={kpis.openFindings > 0 ? "danger" : "neutral"}
          hint={kpis.openFindings > 0 ? "Risks raised and not yet resolved" : "No open risk findings"}
          href="/findings"
        />
      </div>
    </section>
  );
}
