import { transactionsEnded } from "@/db";
import { type AccessFacts, type AccessLookup, type SqlClient, loadAccessFacts } from "@/lib/domain/runtime/resolve-access";
import type { ChangeFeed } from "./change-feed";

export type AccessCacheOptions = {
  /** Upper bound on any entry's life, whatever the feed says (default 60 s). */
  maxAgeMs?: number;
  /** Oldest entries make room beyond this many (default 100k questions). */
  maxEntries?: number;
  /** The facts loader (tests count its calls); defaults to the batched decision query. */
  load?: (client: SqlClient, lookup: AccessLookup) => Promise<AccessFacts>;
  /**
   * A counter that moves when this process ends a transaction (default `transactionsEnded`). A test that plays
   * a decision point in another process passes `() => 0`: it then learns of changes through the feed only.
   */
  localChanges?: () => number;
};

type Entry = { facts: AccessFacts; until: number };

/**
 * The decision point's memory of access facts (what `loadAccessFacts` read
 * for a question), so a PEP asking the same question again costs no database
 * round trip. Correctness rests on three rules:
 *
 * 1. Everything is void the moment the database says something changed: the
 *    access change feed (triggers → NOTIFY at commit, lib/pdp/change-feed.ts)
 *    moves its epoch, and so does any transaction this process ends itself
 *    (`transactionsEnded`), so a revoke served here is never answered from
 *    before it, even ahead of its notification.
 * 2. Nothing is served or stored unless the feed is provably hearing (its
 *    connection up, its own heartbeat heard within the last second). Deaf, it
 *    is the uncached path: one round trip per batch, as without a cache.
 * 3. An answer is kept only if no change was heard between sending its query
 *    and storing it (the epoch did not move), and only until the first of its
 *    grants or covering exceptions expires by the clock — the one change no
 *    write announces.
 *
 * So on another decision point a revoke is seen as soon as its notification
 * arrives (milliseconds; the propagation benchmark measures it), and at worst
 * — a connection silently gone — after the feed's deafness bound.
 */
export class AccessCache {
  private readonly entries = new Map<string, Entry>();
  private entriesStamp = Number.NaN;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly load: NonNullable<AccessCacheOptions["load"]>;
  private readonly localChanges: () => number;
  hits = 0;
  misses = 0;

  constructor(
    private readonly feed: ChangeFeed,
    options: AccessCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.load = options.load ?? loadAccessFacts;
    this.localChanges = options.localChanges ?? transactionsEnded;
  }

  /** What the cache holds answers at once (no promise); anything else is asked of the database. */
  facts(client: SqlClient, lookup: AccessLookup): AccessFacts | Promise<AccessFacts> {
    const stamp = this.stamp();
    if (stamp !== this.entriesStamp) {
      this.entries.clear();
      this.entriesStamp = stamp;
    }
    const hearing = this.feed.hearing();
    const key = cacheKey(lookup);
    if (hearing) {
      const hit = this.entries.get(key);
      if (hit && hit.until > performance.now()) {
        this.hits += 1;
        return hit.facts;
      }
      if (hit) this.entries.delete(key);
    }
    this.misses += 1;
    return this.loadAndKeep(client, lookup, key, stamp, hearing);
  }

  private async loadAndKeep(client: SqlClient, lookup: AccessLookup, key: string, stamp: number, hearing: boolean): Promise<AccessFacts> {
    const sentAt = performance.now();
    const facts = await this.load(client, lookup);
    if (hearing && this.feed.hearing() && this.stamp() === stamp) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { facts, until: sentAt + Math.min(this.maxAgeMs, facts.validForMs ?? Infinity) });
    }
    return facts;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Moves whenever the feed heard a change or a loss, or a transaction of this process ended. */
  private stamp(): number {
    return this.feed.epoch + this.localChanges();
  }
}

/**
 * One string per question, unambiguous whatever the strings hold (they come from the request): the workflow and
 * the resource carry their length, the subject is the rest; `-` marks an absent value (a present one starts with
 * a digit or, for the subject, a colon).
 */
function cacheKey({ subject, resource, workflowId }: AccessLookup): string {
  return `${sized(workflowId)}|${sized(resource)}|${subject === null ? "-" : `:${subject}`}`;
}

function sized(value: string | null): string {
  return value === null ? "-" : `${value.length}:${value}`;
}
