import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { hookDeliveries, hookEvents } from "@/db/schema";
import type { HOOK_EVENT_TYPES } from "@/db/schema/enums";
import type { Actor } from "@/lib/domain/actor";
import { enqueueInTransaction } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";

export type HookEventType = (typeof HOOK_EVENT_TYPES)[number];
export const DELIVER_QUEUE = QUEUES.deliverHooks;

export type RevocationEvent = {
  type: HookEventType;
  revocationId: string | null;
  reason: string;
  workflow: { id: string; name: string } | null;
  identity: { id: string; provider: string; externalId: string } | null;
  dataSet: { id: string; name: string } | null;
  actions: string[];
  /** Every entitlement and credential the operation touched, for receivers that act per grant. */
  affected?: { entitlements: string[]; credentials: string[] };
};

/**
 * The transactional outbox: the event and one delivery row per subscribed
 * hook are written in the caller's transaction, with a job that wakes the
 * delivery worker. If the change rolls back, nothing is ever sent.
 */
export async function emitRevocationEvent(tx: Transaction, actor: Actor, event: RevocationEvent) {
  const id = crypto.randomUUID();
  const payload = {
    id,
    type: event.type,
    occurredAt: new Date().toISOString(),
    actor: actor.label,
    reason: event.reason,
    workflow: event.workflow,
    identity: event.identity,
    dataSet: event.dataSet,
    actions: event.actions,
    affected: event.affected ?? { entitlements: [], credentials: [] },
  };
  await tx.insert(hookEvents).values({ id, type: event.type, payload, revocationId: event.revocationId });
  const deliveries = await tx.execute<{ id: string }>(sql`
    insert into ${hookDeliveries} (hook_id, event_id)
    select h.id, ${id} from hooks h where h.active and ${event.type} = any(h.events)
    returning id`);
  if (deliveries.length) await enqueueInTransaction(tx, DELIVER_QUEUE, { eventId: id });
  return { eventId: id, deliveries: deliveries.length };
}
