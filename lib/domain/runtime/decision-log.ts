import crypto from "node:crypto";
import { sqlClient } from "@/db";

/**
 * The decision log: every runtime decision lands in `decisions`, but never one
 * commit per decision (a commit each halves throughput). Decisions are
 * buffered in process and written as one multi-row statement every ~25 ms or
 * every 500 rows, whichever comes first; the same statement moves
 * `nhis.last_used_at` forward for allowed decisions.
 *
 * What a crash can lose: the rows not yet flushed — at most the last ~25 ms of
 * decisions (more only while the database is refusing writes, when the buffer
 * holds up to MAX_BUFFERED rows). The decisions themselves were already
 * answered, and fail-closed, so a lost row is a gap in the log, never an
 * allow that should not have happened. SIGTERM, SIGINT and beforeExit flush.
 */

export type DecisionRecord = {
  id: string;
  decidedAt: Date;
  nhiId: string | null;
  subject: string;
  action: string;
  dataSetId: string | null;
  resource: string;
  workflowId: string | null;
  entitlementId: string | null;
  decision: boolean;
  reasonCode: string | null;
  reasonMessage: string | null;
  apiKeyId: string | null;
  context: Record<string, unknown> | null;
};

const FLUSH_INTERVAL_MS = 25;
const BATCH_ROWS = 500;
const MAX_BUFFERED = 50_000;
const WARN_EVERY_MS = 5_000;
const SHUTDOWN_DEADLINE_MS = 5_000;

type LogState = {
  rows: DecisionRecord[];
  timer: NodeJS.Timeout | null;
  /** The flush in progress; it never rejects (waiters only need to know it ended). */
  writing: Promise<void> | null;
  /** The last flush failed: retry on the timer only, not on every new decision. */
  failing: boolean;
  dropped: number;
  lastWarnAt: number;
  hooked: boolean;
};

// One buffer per process, even when Next.js reloads this module in development.
const holder = globalThis as { __csDecisionLog?: LogState; __csDecisionClock?: { ms: number; seq: number } };
const state: LogState = (holder.__csDecisionLog ??= { rows: [], timer: null, writing: null, failing: false, dropped: 0, lastWarnAt: 0, hooked: false });

/**
 * A time-ordered (v7) uuid, minted before the write so the answer can carry
 * it. Time order keeps inserts at the right edge of the primary-key index; a
 * per-process counter in the 12 `rand_a` bits (RFC 9562 §6.2, method 1) keeps
 * ids of one millisecond in the order they were decided, so the log's
 * (decided_at, id) order is the decision order.
 */
export function newDecisionId(now = Date.now()): string {
  const clock = (holder.__csDecisionClock ??= { ms: 0, seq: 0 });
  if (now > clock.ms) clock.seq = crypto.randomInt(0, 2048);
  else clock.seq += 1;
  clock.ms = Math.max(now, clock.ms);
  if (clock.seq > 0xfff) {
    clock.ms += 1;
    clock.seq = 0;
  }
  const bytes = crypto.randomBytes(16);
  bytes.writeUIntBE(clock.ms, 0, 6);
  bytes[6] = 0x70 | (clock.seq >> 8);
  bytes[7] = clock.seq & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Queues one decision for the next flush; never blocks and never throws. */
export function recordDecision(record: DecisionRecord): void {
  registerShutdownFlush();
  state.rows.push(record);
  if (state.rows.length >= BATCH_ROWS && !state.writing && !state.failing) tick();
  else scheduleFlush();
}

/** Writes every buffered decision now (tests, graceful shutdown). Rejects if the database refused; the rows stay buffered. */
export async function flushDecisions(): Promise<void> {
  while (state.writing) await state.writing;
  if (state.rows.length === 0) return;
  const run = drain();
  state.writing = run.then(
    () => undefined,
    () => undefined,
  );
  try {
    await run;
    state.failing = false;
  } catch (error) {
    state.failing = true;
    throw error;
  } finally {
    state.writing = null;
    if (state.rows.length > 0) scheduleFlush();
  }
}

/** How many decisions wait in this process's buffer (health and tests). */
export function pendingDecisionCount(): number {
  return state.rows.length;
}

function scheduleFlush() {
  if (state.timer) return;
  // unref: a pending flush must not keep a finishing process (CLI, test worker) alive; beforeExit flushes instead.
  state.timer = setTimeout(tick, FLUSH_INTERVAL_MS).unref();
}

function tick() {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  dropOverflow();
  flushDecisions().catch((error: unknown) => {
    warnThrottled(`[decisions] flush failed, ${state.rows.length} decisions kept for retry: ${errorMessage(error)}`);
  });
}

/** Chunks of BATCH_ROWS keep each statement small; a failed chunk goes back to the head of the buffer, in order. */
async function drain() {
  while (state.rows.length > 0) {
    const batch = state.rows.splice(0, BATCH_ROWS);
    try {
      await writeDecisions(batch);
    } catch (error) {
      state.rows.unshift(...batch);
      throw error;
    }
  }
}

/**
 * One statement: insert the batch and move last_used_at forward (never back)
 * for the NHIs it allowed. `on conflict do nothing` makes a retry after an
 * ambiguous failure (committed, but the reply was lost) harmless. NHI rows are
 * locked in id order so two instances flushing at once cannot deadlock.
 */
async function writeDecisions(batch: DecisionRecord[]) {
  const payload = JSON.stringify(
    batch.map((r) => ({
      id: r.id,
      decided_at: r.decidedAt.toISOString(),
      nhi_id: r.nhiId,
      subject: r.subject,
      action: r.action,
      data_set_id: r.dataSetId,
      resource: r.resource,
      workflow_id: r.workflowId,
      entitlement_id: r.entitlementId,
      decision: r.decision,
      reason_code: r.reasonCode,
      reason_message: r.reasonMessage,
      api_key_id: r.apiKeyId,
      context: r.context,
    })),
  );
  await sqlClient()`
    with incoming as (
      select * from jsonb_to_recordset(${payload}::jsonb) as r(
        id uuid, decided_at timestamptz, nhi_id uuid, subject text, action text, data_set_id uuid, resource text,
        workflow_id uuid, entitlement_id uuid, decision boolean, reason_code text, reason_message text, api_key_id uuid, context jsonb)
    ), inserted as (
      insert into decisions (id, decided_at, nhi_id, subject, action, data_set_id, resource, workflow_id, entitlement_id,
                             decision, reason_code, reason_message, api_key_id, context)
      select id, decided_at, nhi_id, subject, action, data_set_id, resource, workflow_id, entitlement_id,
             decision, reason_code, reason_message, api_key_id, context
      from incoming
      on conflict (id) do nothing
      returning nhi_id, decided_at, decision
    ), latest as (
      select nhi_id, max(decided_at) as at from inserted where decision and nhi_id is not null group by nhi_id
    ), locked as (
      select n.id, l.at from nhis n join latest l on l.nhi_id = n.id
      where n.last_used_at is null or n.last_used_at < l.at
      order by n.id
      for no key update of n
    )
    update nhis n set last_used_at = greatest(n.last_used_at, locked.at) from locked where n.id = locked.id`;
}

/** Bounded memory while the database refuses writes: keep the newest MAX_BUFFERED, count what was dropped. */
function dropOverflow() {
  const excess = state.rows.length - MAX_BUFFERED;
  if (excess > 0) {
    state.rows.splice(0, excess);
    state.dropped += excess;
  }
  if (state.dropped > 0 && warnThrottled(`[decisions] buffer full: dropped the ${state.dropped} oldest unwritten decisions`)) {
    state.dropped = 0;
  }
}

/** During an outage the flush fails every tick; one line per WARN_EVERY_MS is enough. Returns whether it logged. */
function warnThrottled(message: string): boolean {
  const now = Date.now();
  if (now - state.lastWarnAt < WARN_EVERY_MS) return false;
  state.lastWarnAt = now;
  console.warn(message);
  return true;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Flush on the way out. A signal handler replaces Node's default exit, so the signal is re-raised afterwards when nobody else handles it. */
function registerShutdownFlush() {
  if (state.hooked) return;
  state.hooked = true;
  // beforeExit fires again whenever the loop drains, so a flush that failed here is not retried forever.
  let exitFlushFailed = false;
  process.on("beforeExit", () => {
    if (state.rows.length === 0 || exitFlushFailed) return;
    flushDecisions().catch((error: unknown) => {
      exitFlushFailed = true;
      console.warn(`[decisions] exit flush failed, ${state.rows.length} decisions not stored: ${errorMessage(error)}`);
    });
  });
  const onSignal = (signal: NodeJS.Signals) => {
    const deadline = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DEADLINE_MS).unref());
    void Promise.race([flushDecisions().catch(() => undefined), deadline]).finally(() => {
      process.removeListener(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
