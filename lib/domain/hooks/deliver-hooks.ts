import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { findings, hookDeliveries, hookDeliveryAttempts, hookEvents, hooks, revocations, workflows } from "@/db/schema";
import { revocationUnconfirmed } from "@/lib/domain/findings/rules/revocation-unconfirmed";
import { notify } from "@/lib/domain/notifications/notify";
import { postHook } from "./post-hook";
import { MAX_ATTEMPTS, nextAttemptAt } from "./retry-schedule";
import { signDelivery } from "./sign-delivery";

type Claimed = { id: string; hook_id: string; event_id: string; attempts: number };

/**
 * Delivers every due outbox row, at least once. Rows are claimed with
 * SKIP LOCKED and a lease (next_attempt_at moves ahead), so several workers
 * share the work and a worker killed mid-delivery leaves the row to be picked
 * up again when the lease runs out. Receivers de-duplicate by `webhook-id`.
 */
export async function deliverDueHooks(options: { limit?: number; leaseSeconds?: number; now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());
  // Raw SQL parameters go to postgres.js untyped: pass times as ISO strings.
  const at = now().toISOString();
  const claimed = await db.execute<Claimed>(sql`
    update ${hookDeliveries} d
    set attempts = d.attempts + 1, last_attempt_at = ${at}, next_attempt_at = ${at}::timestamptz + make_interval(secs => ${options.leaseSeconds ?? 60})
    where d.id in (
      select id from ${hookDeliveries}
      where status = 'pending' and next_attempt_at <= ${at}
      order by next_attempt_at
      limit ${options.limit ?? 25}
      for update skip locked)
    returning d.id, d.hook_id, d.event_id, d.attempts`);
  const outcomes = await Promise.all(claimed.map((d) => attempt(d, now)));
  return { attempted: claimed.length, succeeded: outcomes.filter((o) => o === "succeeded").length };
}

async function attempt(delivery: Claimed, now: () => Date): Promise<"succeeded" | "retry" | "failed"> {
  const [row] = await db
    .select({ hook: hooks, event: hookEvents })
    .from(hooks)
    .innerJoin(hookEvents, eq(hookEvents.id, delivery.event_id))
    .where(eq(hooks.id, delivery.hook_id));
  if (!row) return "failed";
  const startedAt = now();
  if (!row.hook.active) {
    await settle(delivery, "failed", startedAt, { status: null, error: "hook disabled", latencyMs: 0 });
    return "failed";
  }
  const signed = await signDelivery(row.hook, row.event.payload as Parameters<typeof signDelivery>[1], startedAt);
  const result = await postHook(new URL(row.hook.url), signed.body, signed.headers);
  const ok = result.status !== null && result.status >= 200 && result.status < 300;

  if (ok) {
    await settle(delivery, "succeeded", startedAt, result);
    await resolveIfConfirmed(row.event);
    return "succeeded";
  }
  if (result.status === 410) {
    // 410 Gone: the receiver asks us to stop; the hook is disabled, not retried.
    await db.update(hooks).set({ active: false, disabledAt: now(), disabledReason: "receiver answered 410 Gone" }).where(eq(hooks.id, row.hook.id));
    await settle(delivery, "failed", startedAt, result);
    await reportUnconfirmed(row.event, row.hook.name, "the receiver answered 410 Gone; the hook was disabled");
    return "failed";
  }
  const retryAt = delivery.attempts < MAX_ATTEMPTS ? nextAttemptAt(delivery.attempts, now(), result.retryAfter) : null;
  if (retryAt) {
    await settle(delivery, "pending", startedAt, result, retryAt);
    return "retry";
  }
  await settle(delivery, "failed", startedAt, result);
  await reportUnconfirmed(row.event, row.hook.name, `no 2xx after ${delivery.attempts} attempts (last: ${result.error ?? result.status})`);
  return "failed";
}

async function settle(
  delivery: Claimed,
  status: "pending" | "succeeded" | "failed",
  startedAt: Date,
  result: { status: number | null; error: string | null; latencyMs: number },
  retryAt?: Date,
) {
  await db.transaction(async (tx) => {
    // Attempt numbers keep counting across replays (`attempts` is only the retry budget).
    const [previous] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(hookDeliveryAttempts)
      .where(eq(hookDeliveryAttempts.deliveryId, delivery.id));
    await tx.insert(hookDeliveryAttempts).values({
      deliveryId: delivery.id,
      attempt: (previous?.n ?? 0) + 1,
      startedAt,
      latencyMs: result.latencyMs,
      responseStatus: result.status,
      error: result.error?.slice(0, 500) ?? null,
    });
    await tx
      .update(hookDeliveries)
      .set({
        status,
        deliveredAt: status === "succeeded" ? new Date() : undefined,
        nextAttemptAt: retryAt ?? undefined,
      })
      .where(eq(hookDeliveries.id, delivery.id));
  });
}

/** A revocation that did not reach a downstream system: tell the owners, and keep it visible as a finding. */
async function reportUnconfirmed(event: typeof hookEvents.$inferSelect, hookName: string, why: string) {
  if (!event.revocationId) return;
  await db.transaction(async (tx) => {
    const [owners] = await tx
      .select({ business: workflows.businessOwnerId, identity: workflows.identityOwnerId, actor: revocations.actorId })
      .from(revocations)
      .leftJoin(workflows, eq(workflows.id, revocations.workflowId))
      .where(eq(revocations.id, event.revocationId!));
    const recipients = [owners?.business, owners?.identity, owners?.actor];
    await notify(
      tx,
      recipients.map((userId) => ({
        userId,
        kind: "hook.delivery_failed",
        title: `Revocation not confirmed by “${hookName}”`,
        body: `${event.type}: ${why}. The downstream system may still grant access; check it and replay the delivery.`,
        link: `/settings/hooks`,
      })),
    );
    await tx
      .insert(findings)
      .values({
        // Rule metadata lives in the findings catalogue, so this finding maps like every other.
        ruleId: revocationUnconfirmed.id,
        targetType: revocationUnconfirmed.targetType,
        targetId: event.revocationId!,
        severity: revocationUnconfirmed.severity,
        frameworks: [...revocationUnconfirmed.frameworks],
        ownerId: owners?.identity ?? owners?.business ?? owners?.actor ?? null,
        details: { hook: hookName, eventType: event.type, why },
      })
      .onConflictDoNothing();
  });
}

/** Once every delivery of a revocation's events succeeded, its "not confirmed" finding resolves. */
async function resolveIfConfirmed(event: typeof hookEvents.$inferSelect) {
  if (!event.revocationId) return;
  await db.execute(sql`
    update findings set status = 'resolved', resolved_at = now(), last_seen_at = now()
    where rule_id = 'revocation-unconfirmed' and target_id = ${event.revocationId} and status <> 'resolved'
      and not exists (
        select 1 from hook_deliveries d join hook_events e on e.id = d.event_id
        where e.revocation_id = ${event.revocationId} and d.status <> 'succeeded')`);
}
