/**
 * The Standard Webhooks retry schedule: immediately, then 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h (about 27 h in all), each with ±20 % jitter so a
 * recovering receiver is not hit by every sender at once.
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

export function nextAttemptAt(attemptsMade: number, now: Date, retryAfter: string | null, random = Math.random): Date | null {
  const base = RETRY_DELAYS_MS[attemptsMade - 1];
  if (base === undefined) return null;
  const jittered = base * (0.8 + 0.4 * random());
  return new Date(Math.max(now.getTime() + jittered, retryAfterTime(retryAfter, now) ?? 0));
}

/** `Retry-After` as seconds or an HTTP date, capped at a day. */
export function retryAfterTime(value: string | null, now: Date): number | null {
  if (!value) return null;
  const seconds = Number(value);
  const at = Number.isFinite(seconds) ? now.getTime() + seconds * 1000 : Date.parse(value);
  if (!Number.isFinite(at)) return null;
  return Math.min(at, now.getTime() + 86_400_000);
}
