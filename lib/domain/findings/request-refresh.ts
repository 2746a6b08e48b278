import type { Transaction } from "@/db";
import { enqueueInTransaction } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";

/**
 * For transactions that change what a rule reads (ownership, lifecycle,
 * grants, credentials, bindings, imports): asks for a `findings.refresh` that
 * runs once the change commits, so findings open and resolve within seconds
 * instead of waiting for the 15-minute schedule. Debounced: one job per 30 s
 * slot, however many changes ask.
 */
export function requestFindingsRefresh(tx: Transaction) {
  return enqueueInTransaction(tx, QUEUES.refreshFindings, {}, { singletonKey: "findings.refresh", singletonSeconds: 30, singletonNextSlot: true });
}
