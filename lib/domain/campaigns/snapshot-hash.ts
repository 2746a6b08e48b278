import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";

/**
 * SHA-256 over a campaign's frozen population, computed inside PostgreSQL so
 * a million-item launch never builds the population as one string anywhere:
 *
 *   row    = sha256(entitlement_id || '|' || snapshot::text)      (jsonb text is canonical: keys sorted)
 *   bucket = sha256(row hashes of the bucket, ordered by entitlement_id)   buckets: first two hex digits of the id
 *   hash   = hex(sha256(bucket hashes ordered by bucket))
 *
 * Each aggregate holds at most one bucket's row hashes (~1/256 of the
 * population × 32 bytes). Only first-stage items count: later stages copy the
 * same snapshot. Anyone can recompute it from the stored items to prove the
 * snapshot was not altered after launch.
 */
export async function computeSnapshotHash(db: DbOrTx, campaignId: string, firstStage: string): Promise<{ hash: string; count: number }> {
  const [row] = await db.execute<{ hash: string; count: number }>(sql`
    with rows as (
      select left(entitlement_id::text, 2) as bucket, entitlement_id,
             sha256(convert_to(entitlement_id::text || '|' || snapshot::text, 'UTF8')) as h
      from review_items
      where campaign_id = ${campaignId} and stage = ${firstStage}::review_stage
    ), buckets as (
      select bucket, sha256(string_agg(h, ''::bytea order by entitlement_id)) as h, count(*) as n
      from rows group by bucket
    )
    select encode(sha256(coalesce(string_agg(h, ''::bytea order by bucket collate "C"), ''::bytea)), 'hex') as hash,
           coalesce(sum(n), 0)::int as count
    from buckets`);
  return { hash: row!.hash, count: row!.count };
}
