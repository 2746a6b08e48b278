import { AppError } from "@/lib/errors";

/**
 * A per-process token bucket per caller and route family. It blunts bursts
 * and credential stuffing; it is not a quota system (instances do not share it).
 */
const CAPACITY = Number(process.env.RATE_LIMIT_BURST ?? 600);
const REFILL_PER_SECOND = Number(process.env.RATE_LIMIT_PER_SECOND ?? 200);
const buckets = new Map<string, { tokens: number; updated: number }>();

export function checkRateLimit(caller: string, path: string) {
  const key = `${caller}|${path.split("/").slice(0, 4).join("/")}`;
  const now = Date.now();
  const bucket = buckets.get(key) ?? { tokens: CAPACITY, updated: now };
  bucket.tokens = Math.min(CAPACITY, bucket.tokens + ((now - bucket.updated) / 1000) * REFILL_PER_SECOND);
  bucket.updated = now;
  if (bucket.tokens < 1) throw new AppError("rate_limited", "Too many requests; slow down and retry shortly");
  bucket.tokens -= 1;
  buckets.set(key, bucket);
  if (buckets.size > 50_000) buckets.clear();
}
