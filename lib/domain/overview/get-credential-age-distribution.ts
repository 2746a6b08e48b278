import { sql } from "drizzle-orm";
import { db } from "@/db";
import { credentials } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";

export const CREDENTIAL_AGE_BUCKETS = [
  { key: "under30", label: "< 30 days" },
  { key: "from30to90", label: "30–90 days" },
  { key: "from90to180", label: "90–180 days" },
  { key: "from180to365", label: "180–365 days" },
  { key: "over365", label: "> 1 year" },
] as const;

export type CredentialAgeBucket = (typeof CREDENTIAL_AGE_BUCKETS)[number]["key"];
export type CredentialAgeDistribution = {
  buckets: { key: CredentialAgeBucket; label: string; count: number }[];
  total: number;
  /** Of those, how many never expire: long-lived secrets (NHI7). */
  withoutExpiry: number;
};

type Row = Record<CredentialAgeBucket, number> & { total: number; without_expiry: number };

/**
 * Active standing credentials by time since they were last rotated (or issued,
 * if never rotated). JIT tokens are left out: they live minutes by design and
 * would swamp the first bucket. Bucket bounds are lower-inclusive
 * (exactly 30 days old falls in 30–90).
 */
export async function getCredentialAgeDistribution(actor: Actor, now: Date = new Date()): Promise<CredentialAgeDistribution> {
  requirePermission(actor, "identities.read");
  const nowIso = now.toISOString();
  const age = sql`(${nowIso}::timestamptz - coalesce(last_rotated_at, issued_at))`;
  const [row] = await db.execute<Row>(sql`
    select
      count(*) filter (where ${age} < interval '30 days')::int as "under30",
      count(*) filter (where ${age} >= interval '30 days' and ${age} < interval '90 days')::int as "from30to90",
      count(*) filter (where ${age} >= interval '90 days' and ${age} < interval '180 days')::int as "from90to180",
      count(*) filter (where ${age} >= interval '180 days' and ${age} < interval '365 days')::int as "from180to365",
      count(*) filter (where ${age} >= interval '365 days')::int as "over365",
      count(*)::int as total,
      count(*) filter (where expires_at is null)::int as without_expiry
    from ${credentials}
    where status = 'active' and kind <> 'jit_token'`);

  return {
    buckets: CREDENTIAL_AGE_BUCKETS.map((b) => ({ key: b.key, label: b.label, count: row?.[b.key] ?? 0 })),
    total: row?.total ?? 0,
    withoutExpiry: row?.without_expiry ?? 0,
  };
}
