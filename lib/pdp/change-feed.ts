import crypto from "node:crypto";
import postgres from "postgres";
import type { SqlClient } from "@/lib/domain/runtime/resolve-access";

export type ChangeFeedOptions = {
  /** How often the feed proves its connection still hears the database (default 250 ms). */
  heartbeatMs?: number;
  /** Without a heartbeat heard back for this long the feed counts as deaf (default 1 s). */
  deafAfterMs?: number;
};

type Handler = (payload: string) => void;

const HEARTBEAT = "heartbeat:";
export const FEED_APPLICATION_NAME = "countersign-change-feed";
const RECONNECT_MIN_MS = 50;
const RECONNECT_MAX_MS = 1_000;

/**
 * The decision point's ear on the database: ONE dedicated connection that
 * LISTENs to the change channels, so what this process keeps in memory is
 * forgotten when the database says it changed — never by one process's say-so.
 *
 * A cache may trust it only while it is provably hearing (`hearing()`):
 * - the connection closing counts at once (`onclose`): notifications sent
 *   while it is down are lost, so `epoch` moves and hearing stops until it is
 *   back and has heard a heartbeat again;
 * - a connection that is silently gone (a dead network, no FIN) is caught by
 *   the heartbeat: every `heartbeatMs` the feed notifies itself on its own
 *   connection. PostgreSQL delivers notifications in commit order, so hearing
 *   a heartbeat sent at t proves every change committed before t was heard;
 *   none heard for `deafAfterMs` stops the trust.
 *
 * `epoch` moves on every change notification, every loss and every
 * (re)connect: anything cached under an older epoch is void.
 */
export class ChangeFeed {
  private readonly handlers = new Map<string, Handler[]>();
  private readonly lossHandlers: (() => void)[] = [];
  private readonly token = crypto.randomUUID();
  private readonly heartbeatMs: number;
  private readonly deafAfterMs: number;
  private listener: postgres.Sql | null = null;
  private connected = false;
  private stopped = false;
  private heardUpTo = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private reconnectDelay = RECONNECT_MIN_MS;
  private waiters: { since: number; resolve: () => void }[] = [];
  epoch = 0;

  constructor(
    private readonly client: SqlClient,
    options: ChangeFeedOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 250;
    this.deafAfterMs = options.deafAfterMs ?? 1_000;
  }

  /** Calls `handler` for every notification on `channel` (register before start()). */
  on(channel: string, handler: Handler): this {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
    return this;
  }

  /** Calls `handler` whenever notifications may have been missed: the connection lost, or (re)established. */
  onLoss(handler: () => void): this {
    this.lossHandlers.push(handler);
    return this;
  }

  /** Connects and listens; resolves once listening (rejects if the database cannot be reached at all). */
  async start(): Promise<void> {
    this.stopped = false;
    // The pool's own (parsed) options, as postgres.js's listen() builds its connection; only the hooks are ours.
    const options = {
      ...this.client.options,
      max: 1,
      idle_timeout: null,
      max_lifetime: null,
      fetch_types: false,
      // Named, so an operator (or a test) can tell it apart in pg_stat_activity.
      connection: { ...this.client.options.connection, application_name: FEED_APPLICATION_NAME },
      onnotice: () => {},
      onnotify: (channel: string, payload: string) => this.heard(channel, payload),
      onclose: () => this.lost(),
    };
    this.listener = postgres(options as unknown as postgres.Options<Record<string, never>>);
    await this.subscribe();
    this.timer = setInterval(() => this.beat(), this.heartbeatMs).unref();
    this.beat();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.lost();
    await this.listener?.end({ timeout: 1 }).catch(() => {});
    this.listener = null;
  }

  /** Whether everything committed until a moment ago (at most deafAfterMs) has been heard. */
  hearing(): boolean {
    return this.connected && performance.now() - this.heardUpTo <= this.deafAfterMs;
  }

  /**
   * Resolves once everything committed before this call has been heard: a heartbeat sent after it came back.
   * (A sync point for tests and tools; the decision path never waits on it.)
   */
  caughtUp(timeoutMs = 5_000): Promise<void> {
    const since = performance.now();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`change feed not caught up after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ since, resolve: () => (clearTimeout(timer), resolve()) });
      this.beat();
    });
  }

  private async subscribe() {
    const sql = this.listener!;
    for (const channel of this.handlers.keys()) await sql.unsafe(`listen "${channel.replaceAll('"', '""')}"`);
    // Listening from here on: anything committed later is heard; anything before is what caches must not keep.
    this.connected = true;
    this.reconnectDelay = RECONNECT_MIN_MS;
    this.missedSomething();
  }

  private heard(channel: string, payload: string) {
    if (payload.startsWith(HEARTBEAT)) {
      const [token, sentAt] = payload.slice(HEARTBEAT.length).split("@");
      if (token !== this.token) return;
      this.heardUpTo = Math.max(this.heardUpTo, Number(sentAt));
      const ready = this.waiters.filter((w) => w.since <= this.heardUpTo);
      if (ready.length > 0) this.waiters = this.waiters.filter((w) => w.since > this.heardUpTo);
      for (const w of ready) w.resolve();
      return;
    }
    this.epoch += 1;
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
  }

  private lost() {
    const wasConnected = this.connected;
    this.connected = false;
    this.heardUpTo = -Infinity;
    this.missedSomething();
    if (wasConnected && !this.stopped) this.reconnectSoon();
  }

  private missedSomething() {
    this.epoch += 1;
    for (const handler of this.lossHandlers) handler();
  }

  private reconnectSoon() {
    setTimeout(() => {
      if (this.stopped || this.connected || !this.listener) return;
      this.subscribe().catch(() => {
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
        this.reconnectSoon();
      });
    }, this.reconnectDelay).unref();
  }

  /** Notifies itself on its own connection; a failure is a lost connection, which `onclose` reports. */
  private beat() {
    if (!this.connected || !this.listener) return;
    const channel = this.handlers.keys().next().value;
    if (channel === undefined) return;
    const payload = `${HEARTBEAT}${this.token}@${performance.now()}`;
    this.listener`select pg_notify(${channel}, ${payload})`.catch(() => {});
  }
}
