import crypto from "node:crypto";
import { sqlClient } from "@/db";
import { DENY_REASONS } from "./reasons";

/**
 * The decision log: every runtime decision lands in `decisions`, but never one
 * commit per decision (a commit each halves throughput). Decisions are
 * buffered in process and written as one multi-row statement every ~25 ms or
 * every 500 rows, whichever comes first; the same statement moves
 * `nhis.last_used_at` forward for allowed decisions — for each NHI at most
 * once per LAST_USED_EVERY_MS from this process (an NHI called a thousand
 * times a second would otherwise rewrite its row on every flush), so
 * `last_used_at` may lag the newest allowed decision by up to that long; the
 * decisions themselves are all stored, and the database stays the truth (the
 * remembered "last written" times only ever skip a write, never invent one).
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
const LAST_USED_EVERY_MS = 60_000;
const MAX_REMEMBERED_NHIS = 200_000;

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
  /** NHI id → decision time (ms) this process last wrote to nhis.last_used_at. */
  lastUsedWritten: Map<string, number>;
};

// One buffer per process, even when Next.js reloads this module in development.
const holder = globalThis as { __csDecisionLog?: LogState; __csDecisionClock?: { ms: number; seq: number } };
const state: LogState = (holder.__csDecisionLog ??= {
  rows: [],
  timer: null,
  writing: null,
  failing: false,
  dropped: 0,
  lastWarnAt: 0,
  hooked: false,
  lastUsedWritten: new Map(),
});
// A module reloaded in development finds a state object from before this field existed.
state.lastUsedWritten ??= new Map();

/**
 * A time-ordered (v7) uuid, minted before the write so the answer can carry
 * it. Time order keeps inserts at the right edge of the primary-key index; a
 * per-process counter in the 12 `rand_a` bits (RFC 9562 §6.2, method 1) keeps
 * ids of one millisecond in the order they were decided, so the log's
 * (decided_at, id) order is the decision order.
 */
export function newDecisionId(now = Date.now()): string {
  const clock = (holder.__csDecisionClock ??= { ms: 0, seq: 0 });
  if (now > clock.ms) clock.seq = randomBits(11);
  else clock.seq += 1;
  clock.ms = Math.max(now, clock.ms);
  if (clock.seq > 0xfff) {
    clock.ms += 1;
    clock.seq = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(clock.ms, 0, 6);
  bytes[6] = 0x70 | (clock.seq >> 8);
  bytes[7] = clock.seq & 0xff;
  randomInto(bytes, 8);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Random bytes drawn from the CSPRNG 4 KiB at a time: one call per decision (a syscall-backed fill each) was ~2 % of
// the decision point's CPU. Each byte is used once.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomInto(target: Buffer, from: number) {
  const need = target.length - from;
  if (poolOffset + need > pool.length) {
    pool = crypto.randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  pool.copy(target, from, poolOffset, poolOffset + need);
  poolOffset += need;
}

function randomBits(bits: number): number {
  if (poolOffset + 2 > pool.length) {
    pool = crypto.randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const value = pool.readUInt16BE(poolOffset) & ((1 << bits) - 1);
  poolOffset += 2;
  return value;
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
 * One row of the batch as the statement reads it: short keys, absent rather than null, the time in epoch ms and
 * a deny's standard message left out (the statement puts it back from the code). Half the bytes of the plain
 * rows, which every decision pays for twice — serialised here, parsed by PostgreSQL.
 */
type WireRow = { i: string; t: number; s: string; a: string; r: string; o: boolean; n?: string; d?: string; w?: string; e?: string; c?: string; m?: string; k?: string; x?: Record<string, unknown>; u?: true };

function wireRow(r: DecisionRecord, touch: boolean): WireRow {
  const row: WireRow = { i: r.id, t: r.decidedAt.getTime(), s: storable(r.subject), a: storable(r.action), r: storable(r.resource), o: r.decision };
  if (r.nhiId !== null) row.n = r.nhiId;
  if (r.dataSetId !== null) row.d = r.dataSetId;
  if (r.workflowId !== null) row.w = r.workflowId;
  if (r.entitlementId !== null) row.e = r.entitlementId;
  if (r.reasonCode !== null) row.c = r.reasonCode;
  if (r.reasonMessage !== null && r.reasonMessage !== STANDARD_MESSAGES[r.reasonCode ?? ""]) row.m = storable(r.reasonMessage);
  if (r.apiKeyId !== null) row.k = r.apiKeyId;
  if (r.context !== null) row.x = r.context;
  if (touch) row.u = true;
  return row;
}

const STANDARD_MESSAGES: Record<string, string> = DENY_REASONS;
const STANDARD_MESSAGES_JSON = JSON.stringify(DENY_REASONS);

/** The rows of `$1` (WireRow), as the decisions table's columns; `$2` holds the standard messages. */
const INCOMING = `
  select r.i as id, to_timestamp(r.t / 1000) as decided_at, r.n as nhi_id, r.s as subject, r.a as action, r.d as data_set_id,
         r.r as resource, r.w as workflow_id, r.e as entitlement_id, r.o as decision, r.c as reason_code,
         coalesce(r.m, $2::json ->> r.c) as reason_message, r.k as api_key_id, r.x::jsonb as context, coalesce(r.u, false) as touch
  from json_to_recordset($1::text::json) as r(
    i uuid, t float8, n uuid, s text, a text, d uuid, r text, w uuid, e uuid, o boolean, c text, m text, k uuid, x json, u boolean)`;

const COLUMNS = `id, decided_at, nhi_id, subject, action, data_set_id, resource, workflow_id, entitlement_id,
                 decision, reason_code, reason_message, api_key_id, context`;

// The common case under steady load (every NHI's last_used_at written within the minute): the insert alone, and a
// plain one — `on conflict` (a speculative insertion per row) is only needed when retrying rows a failed flush put
// back, which may have committed after all.
const INSERT_ONLY = `insert into decisions (${COLUMNS}) select ${COLUMNS} from (${INCOMING}) incoming`;

const INSERT_AND_TOUCH = `
  with incoming as (${INCOMING}
  ), inserted as (
    insert into decisions (${COLUMNS})
    select ${COLUMNS} from incoming
    on conflict (id) do nothing
    returning id
  ), latest as (
    select i.nhi_id, max(i.decided_at) as at from incoming i join inserted using (id)
    where i.touch and i.nhi_id is not null group by i.nhi_id
  ), locked as (
    select n.id, l.at from nhis n join latest l on l.nhi_id = n.id
    where n.last_used_at is null or n.last_used_at < l.at
    order by n.id
    for no key update of n
  )
  update nhis n set last_used_at = greatest(n.last_used_at, locked.at) from locked where n.id = locked.id`;

/**
 * One statement: insert the batch and move last_used_at forward (never back)
 * for the NHIs it allowed that are due (see LAST_USED_EVERY_MS). After a
 * failed flush, `on conflict do nothing` makes the retry harmless when the
 * failure was ambiguous (committed, but the reply was lost). NHI rows are
 * locked in id order so two instances flushing at once cannot deadlock.
 * Both statements are prepared once per connection.
 */
async function writeDecisions(batch: DecisionRecord[]) {
  const written = state.lastUsedWritten;
  const due = new Map<string, number>();
  const rows = batch.map((r) => {
    const at = r.decidedAt.getTime();
    let touch = false;
    if (r.decision && r.nhiId) {
      const last = written.get(r.nhiId);
      touch = last === undefined || at - last >= LAST_USED_EVERY_MS;
      if (touch) due.set(r.nhiId, Math.max(due.get(r.nhiId) ?? 0, at));
    }
    return wireRow(r, touch);
  });
  const statement = due.size === 0 && !state.failing ? INSERT_ONLY : INSERT_AND_TOUCH;
  await sqlClient().unsafe(statement, [JSON.stringify(rows), STANDARD_MESSAGES_JSON], { prepare: true });
  // Bounded: forgetting only means one extra (harmless) write per NHI.
  if (written.size + due.size > MAX_REMEMBERED_NHIS) written.clear();
  for (const [nhiId, at] of due) written.set(nhiId, at);
}

/**
 * PostgreSQL text cannot hold NUL, and one such value would fail the whole batch again on every retry: it is
 * stored as U+FFFD. (Callers' strings are otherwise stored as given.)
 */
function storable(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
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
