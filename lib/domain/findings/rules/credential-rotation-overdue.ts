import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { at, credentialName, nhiOwner, nhiOwnerJoin } from "./sql-helpers";

export const credentialRotationOverdue: Rule = {
  id: "credential-rotation-overdue",
  title: "Credential overdue for rotation",
  severity: "medium",
  targetType: "credential",
  frameworks: ["OWASP-NHI:NHI7"],
  description: "An active credential with a rotation period has not been rotated (or issued) within that period.",
  remediation: "Rotate the credential (the identity page records the new fingerprint) or revoke it.",
  owner: "The NHI's owner; none while the NHI is orphaned.",
  controls: ["credential-lifecycle"],
  query: (now) => sql`
    select c.id as target_id, ${nhiOwner} as owner_id,
      jsonb_build_object('name', ${credentialName}, 'nhiId', n.id,
        'rotationPeriodDays', c.rotation_period_days, 'lastRotatedAt', coalesce(c.last_rotated_at, c.issued_at),
        'dueAt', coalesce(c.last_rotated_at, c.issued_at) + make_interval(days => c.rotation_period_days)) as details
    from credentials c
    join nhis n on n.id = c.nhi_id
    ${nhiOwnerJoin}
    where c.status = 'active' and c.kind <> 'jit_token' and c.rotation_period_days is not null
      and coalesce(c.last_rotated_at, c.issued_at) + make_interval(days => c.rotation_period_days) < ${at(now)}`,
};
