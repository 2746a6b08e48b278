import { env } from "@/lib/env";
import type { AccessFacts, AccessLookup, SqlClient } from "./resolve-access";

/**
 * Micro-batching of decision lookups (DataLoader-style): the questions this
 * process asks within one turn of the event loop go to the database as ONE
 * statement (an `unnest` over arrays), instead of one round trip each. Under
 * load that amortises what dominates a point lookup here — the protocol
 * round trip, executor start-up and the socket work on both sides — across
 * every concurrent request; idle, a batch is a single question and costs one
 * event-loop turn (a `setImmediate`) of latency.
 *
 * At most DECISION_BATCH_IN_FLIGHT (default 2) statements run at once per pool; questions arriving
 * meanwhile wait for the next one, so batches grow exactly when the database
 * is the bottleneck (and 2 in flight keep both the database and this process busy).
 *
 * Freshness is unchanged: a question only ever joins a statement that has not
 * been sent yet, so its answer reads a snapshot taken after it was asked — a
 * revoke that returned before the question was asked is always seen. A
 * statement that fails rejects every question in it (each then fails closed).
 */
/** Bounds one statement's size (and the wait of its last question); larger bursts become several statements. */
const MAX_BATCH = 256;
/**
 * Bounds the questions waiting for a statement. Only a database that stopped answering fills it (each question
 * is denied at its deadline, and callers keep asking): beyond this, questions fail at once instead of growing memory.
 */
const MAX_WAITING = 10_000;

type Load = (client: SqlClient, lookups: readonly AccessLookup[]) => Promise<AccessFacts[]>;
type Waiting = { lookup: AccessLookup; resolve: (facts: AccessFacts) => void; reject: (error: unknown) => void };

class AccessBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxInFlight = env().DECISION_BATCH_IN_FLIGHT;

  constructor(
    private readonly client: SqlClient,
    private readonly loadBatch: Load,
  ) {}

  load(lookup: AccessLookup): Promise<AccessFacts> {
    if (this.queue.length >= MAX_WAITING) return Promise.reject(new Error(`${MAX_WAITING} questions already wait for the database`));
    return new Promise((resolve, reject) => {
      this.queue.push({ lookup, resolve, reject });
      this.schedule();
    });
  }

  /** setImmediate runs after the poll phase, so every request parsed in this turn joins the same statement. */
  private schedule() {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch() {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.length <= MAX_BATCH ? this.queue : this.queue.slice(0, MAX_BATCH);
      this.queue = this.queue.length <= MAX_BATCH ? [] : this.queue.slice(MAX_BATCH);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  private async run(batch: Waiting[]) {
    try {
      const answers = await this.loadBatch(this.client, batch.map((w) => w.lookup));
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve(answers[i]!);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}

// One batcher per pool: questions on different pools (another instance in a test, a caller's own client) never mix.
const batchers = new WeakMap<SqlClient, AccessBatcher>();

export function accessBatcher(client: SqlClient, loadBatch: Load): AccessBatcher {
  let batcher = batchers.get(client);
  if (!batcher) {
    batcher = new AccessBatcher(client, loadBatch);
    batchers.set(client, batcher);
  }
  return batcher;
}
