import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { daysBefore, nhiOwner, nhiOwnerJoin } from "./sql-helpers";

/** Interactive sign-ins older than this no longer raise the finding by themselves. */
export const HUMAN_USE_WINDOW_DAYS = 90;

export const nhiHumanUse: Rule = {
  id: "nhi-human-use",
  title: "Interactive (human) use of an NHI",
  severity: "high",
  targetType: "nhi",
  frameworks: ["OWASP-NHI:NHI10"],
  description: `An import reported interactive sign-in on the identity within ${HUMAN_USE_WINDOW_DAYS} days, or a console password enabled on it.`,
  remediation: "Disable the console password, give the person their own account, and rotate the identity's credentials since a human has held them.",
  owner: "The NHI's owner; none while the NHI is orphaned.",
  controls: ["inventory-import", "jit-credentials"],
  query: (now) => sql`
    select n.id as target_id, ${nhiOwner} as owner_id,
      jsonb_strip_nulls(jsonb_build_object('name', n.name, 'nhiId', n.id, 'humanUseSeenAt', n.human_use_seen_at,
        'passwordEnabled', case when n.attributes ->> 'passwordEnabled' = 'true' then true end)) as details
    from nhis n
    ${nhiOwnerJoin}
    where n.status <> 'decommissioned'
      and (n.human_use_seen_at >= ${daysBefore(now, HUMAN_USE_WINDOW_DAYS)} or n.attributes ->> 'passwordEnabled' = 'true')`,
};
