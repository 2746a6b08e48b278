import { sql } from "drizzle-orm";
import type { Rule } from "../types";
import { credentialName, nhiOwner, nhiOwnerJoin } from "./sql-helpers";

/** The longest a static secret may stay valid from issue (OWASP NHI7 recommends short, rotated lifetimes). */
export const MAX_CREDENTIAL_LIFETIME_DAYS = 365;

export const credentialLongLived: Rule = {
  id: "credential-long-lived",
  title: "Credential without expiry or beyond the lifetime policy",
  severity: "high",
  targetType: "credential",
  frameworks: ["OWASP-NHI:NHI7"],
  description: `An active credential never expires, stays valid more than ${MAX_CREDENTIAL_LIFETIME_DAYS} days after issue, or was flagged long-lived when its workflow became autonomous.`,
  remediation: "Rotate it to a credential with an expiry within the policy, or replace it with just-in-time tokens; revoke it if unused.",
  owner: "The NHI's owner; none while the NHI is orphaned (that is its own finding).",
  controls: ["credential-lifecycle", "jit-credentials", "autonomy-posture"],
  query: () => sql`
    select c.id as target_id, ${nhiOwner} as owner_id,
      jsonb_build_object('name', ${credentialName}, 'nhiId', n.id, 'kind', c.kind,
        'issuedAt', c.issued_at, 'expiresAt', c.expires_at, 'flagReason', c.flag_reason) as details
    from credentials c
    join nhis n on n.id = c.nhi_id
    ${nhiOwnerJoin}
    where c.status = 'active' and c.kind <> 'jit_token'
      and (c.expires_at is null
        or c.expires_at > c.issued_at + make_interval(days => ${MAX_CREDENTIAL_LIFETIME_DAYS})
        or c.flagged_at is not null)`,
};
