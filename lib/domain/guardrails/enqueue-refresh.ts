import type { Transaction } from "@/db";
import { enqueueInTransaction } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";

/**
 * For transactions that change what guardrails read (a workflow's autonomy or
 * vendor, an NHI's environment, a data set's sensitivity, an approval or an
 * exception): asks for a `guardrails.refresh` that runs once the change
 * commits. Not needed for correctness — a stale stored verdict is detected
 * and evaluated inline — only to bring decisions back to the zero-wasm path
 * sooner than the ten-minute schedule. Debounced: at most one per 10 s slot.
 */
export function enqueueGuardrailRefresh(tx: Transaction) {
  return enqueueInTransaction(tx, QUEUES.refreshGuardrails, {}, { singletonKey: "guardrails.refresh", singletonSeconds: 10, singletonNextSlot: true });
}
