import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { nhiOwner, nhiOwnerJoin } from "./sql-helpers";

export const nhiProdAndNonProd: Rule = {
  id: "nhi-prod-and-nonprod",
  title: "NHI entitled in production and non-production data",
  severity: "high",
  targetType: "nhi",
  frameworks: ["OWASP-NHI:NHI8"],
  description: "One identity holds active entitlements on production data sets and on staging or development data sets.",
  remediation: "Split it into one identity per environment: request the non-production access for a staging/dev identity and revoke it here.",
  owner: "The NHI's owner; none while the NHI is orphaned.",
  controls: ["guardrail-policies", "approved-data-sets"],
  query: () => sql`
    select n.id as target_id, ${nhiOwner} as owner_id,
      jsonb_build_object('name', n.name, 'nhiId', n.id, 'environments', x.environments) as details
    from (
      -- Three booleans per identity instead of a distinct array: one cheap hash aggregate over the grants.
      select e.nhi_id,
        array_remove(array[case when bool_or(d.environment = 'prod') then 'prod' end,
          case when bool_or(d.environment = 'staging') then 'staging' end,
          case when bool_or(d.environment = 'dev') then 'dev' end], null) as environments
      from entitlements e join data_sets d on d.id = e.data_set_id
      where e.status = 'active'
      group by e.nhi_id
      having bool_or(d.environment = 'prod') and bool_or(d.environment <> 'prod')) x
    join nhis n on n.id = x.nhi_id
    ${nhiOwnerJoin}
    where n.status <> 'decommissioned'`,
};
