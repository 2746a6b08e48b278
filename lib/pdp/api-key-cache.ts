import type { Actor } from "@/lib/domain/actor";
import { authenticateApiKey, hashApiKey } from "@/lib/domain/api-keys/api-keys";

/** How long a resolved API key may be reused without asking the database again. */
export const API_KEY_CACHE_MAX_MS = 5_000;
const MAX_ENTRIES = 1_000;

type Resolver = (key: string) => Promise<Actor | null>;

/**
 * A small cache of API key → actor for the decision point, where the same few
 * PEP keys call thousands of times a second and `authenticateApiKey` would
 * otherwise double the database work of every decision.
 *
 * What it may serve stale, and for how long: only the *caller's* identity.
 * Revoking a key or changing its owner notifies every decision point at
 * commit (lib/domain/api-keys/caller-changes.ts), which clears this cache; if
 * that notification is missed (listen connection down), a revoked or expired
 * key keeps working for at most `ttlMs` (≤ 5 s). (What access the NHI has is
 * cached under stricter rules: access-cache.ts.)
 *
 * Only successful lookups are kept (a key created a moment ago works at
 * once), concurrent misses for one key share a single lookup, and the whole
 * cache is dropped on any error — a failing database must not leave us
 * trusting answers we could no longer re-check.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();
  private readonly pending = new Map<string, Promise<Actor | null>>();
  readonly ttlMs: number;

  constructor(
    ttlMs: number = API_KEY_CACHE_MAX_MS,
    private readonly resolve: Resolver = (key) => authenticateApiKey(key),
  ) {
    // The documented bound is a promise to operators: no configuration can stretch it.
    this.ttlMs = Math.max(0, Math.min(ttlMs, API_KEY_CACHE_MAX_MS));
  }

  /** A key seen within `ttlMs` answers at once (no promise); any other is looked up. */
  authenticate(key: string): Actor | null | Promise<Actor | null> {
    // Keyed by the key's hash, so the heap holds no usable bearer secrets beyond the request itself.
    const id = hashApiKey(key);
    const hit = this.entries.get(id);
    if (hit && hit.until > Date.now()) return hit.actor;
    if (hit) this.entries.delete(id);

    let lookup = this.pending.get(id);
    if (!lookup) {
      lookup = this.lookup(id, key);
      this.pending.set(id, lookup);
    }
    return lookup;
  }

  /** Forget everything (any error, shutdown, tests). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private async lookup(id: string, key: string): Promise<Actor | null> {
    // The clock starts before the query: the entry never outlives ttlMs from the moment the database vouched for it.
    const asked = Date.now();
    try {
      const actor = await this.resolve(key);
      if (actor && this.ttlMs > 0) {
        if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
        this.entries.set(id, { actor, until: asked + this.ttlMs });
      }
      return actor;
    } catch (error) {
      this.clear();
      throw error;
    } finally {
      this.pending.delete(id);
    }
  }
}
