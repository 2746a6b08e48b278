import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { hookDeliveries, hookDeliveryAttempts, hookEvents, hooks } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { enqueueInTransaction } from "@/lib/jobs/boss";
import { AppError } from "@/lib/errors";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import { DELIVER_QUEUE } from "./emit-event";

const cursorShape = z.object({ createdAt: z.string(), id: z.string() });

/** A hook's deliveries, newest first, each with every attempt (status, latency, response code, error). */
export async function listHookDeliveries(actor: Actor, hookId: string, query: { limit: number; cursor?: string; status?: "pending" | "succeeded" | "failed" }) {
  requirePermission(actor, "hooks.read");
  const [hook] = await db.select({ id: hooks.id }).from(hooks).where(eq(hooks.id, hookId));
  if (!hook) throw AppError.notFound("Hook");
  const after = decodeCursor(query.cursor, cursorShape);
  const rows = await db
    .select({
      delivery: hookDeliveries,
      // Microsecond-exact cursor: rows created in one transaction share a millisecond.
      cursorTime: sql<string>`to_char(${hookDeliveries.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      eventType: hookEvents.type,
      payload: hookEvents.payload,
      revocationId: hookEvents.revocationId,
    })
    .from(hookDeliveries)
    .innerJoin(hookEvents, eq(hookEvents.id, hookDeliveries.eventId))
    .where(
      and(
        eq(hookDeliveries.hookId, hookId),
        query.status ? eq(hookDeliveries.status, query.status) : undefined,
        after ? sql`(${hookDeliveries.createdAt}, ${hookDeliveries.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(hookDeliveries.createdAt), desc(hookDeliveries.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const attempts = page.length
    ? await db
        .select()
        .from(hookDeliveryAttempts)
        .where(inArray(hookDeliveryAttempts.deliveryId, page.map((r) => r.delivery.id)))
        .orderBy(hookDeliveryAttempts.attempt)
    : [];
  const items = page.map((r) => ({ ...r.delivery, eventType: r.eventType, revocationId: r.revocationId, payload: r.payload, attemptLog: attempts.filter((a) => a.deliveryId === r.delivery.id) }));
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: last.cursorTime, id: last.delivery.id }) : null,
  } satisfies Page<unknown>;
}

/** Sends a delivery again (e.g. after fixing the receiver): back to pending, due now, same webhook-id. */
export async function replayDelivery(actor: Actor, deliveryId: string) {
  requirePermission(actor, "hooks.manage");
  return db.transaction(async (tx) => {
    const [delivery] = await tx.select().from(hookDeliveries).where(eq(hookDeliveries.id, deliveryId)).for("update");
    if (!delivery) throw AppError.notFound("Delivery");
    const [hook] = await tx.select({ active: hooks.active }).from(hooks).where(eq(hooks.id, delivery.hookId));
    if (!hook?.active) throw AppError.conflict("The hook is disabled; enable it before replaying");
    const [after] = await tx
      .update(hookDeliveries)
      .set({ status: "pending", nextAttemptAt: new Date(), attempts: 0 })
      .where(eq(hookDeliveries.id, deliveryId))
      .returning();
    await enqueueInTransaction(tx, DELIVER_QUEUE, { deliveryId });
    await recordAuditEvent(tx, actor, {
      action: "hook.delivery_replayed",
      targetType: "hook_delivery",
      targetId: deliveryId,
      before: { status: delivery.status, attempts: delivery.attempts },
      after: { status: "pending" },
    });
    return after!;
  });
}
