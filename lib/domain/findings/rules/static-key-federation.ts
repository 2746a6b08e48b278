import { sql } from "drizzle-orm";
import { LONG_LIVED_CREDENTIAL_DAYS } from "@/lib/domain/policy";
import type { Rule } from "../types";
import { credentialName, nhiOwner, nhiOwnerJoin } from "./sql-helpers";

/** Providers whose workloads can authenticate by workload identity federation (OIDC) instead of a stored key. */
export const FEDERATION_PROVIDERS = ["aws", "gcp", "azure", "kubernetes", "github"] as const;

export const staticKeyFederation: Rule = {
  id: "static-key-where-federation",
  title: "Static long-lived key where the provider supports federation",
  severity: "medium",
  targetType: "credential",
  frameworks: ["OWASP-NHI:NHI4", "OWASP-NHI:NHI6"],
  description: `An active API key or client secret valid for more than ${LONG_LIVED_CREDENTIAL_DAYS} days (or forever) belongs to an identity on a provider that supports workload identity federation (${FEDERATION_PROVIDERS.join(", ")}).`,
  remediation: "Switch the workload to federated, short-lived credentials (IAM roles, workload identity, OIDC trust) and revoke the static key.",
  owner: "The NHI's owner; none while the NHI is orphaned.",
  controls: ["jit-credentials", "credential-lifecycle"],
  query: () => sql`
    select c.id as target_id, ${nhiOwner} as owner_id,
      jsonb_build_object('name', ${credentialName}, 'nhiId', n.id,
        'provider', n.provider, 'kind', c.kind, 'expiresAt', c.expires_at) as details
    from credentials c
    join nhis n on n.id = c.nhi_id
    ${nhiOwnerJoin}
    where c.status = 'active' and c.kind in ('api_key', 'client_secret')
      and n.provider in (${sql.join(FEDERATION_PROVIDERS.map((p) => sql`${p}::provider`), sql`, `)})
      and (c.expires_at is null or c.expires_at > c.issued_at + make_interval(days => ${LONG_LIVED_CREDENTIAL_DAYS}))`,
};
