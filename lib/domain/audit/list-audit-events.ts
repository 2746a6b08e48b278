import { and, desc, eq, gte, ilike, lt, lte } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { auditEvents } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import type { ListAuditQuery } from "@/lib/validation/audit";

export type AuditEventRow = typeof auditEvents.$inferSelect;

/** Newest first, keyset-paginated on the chain sequence. */
export async function listAuditEvents(actor: Actor, query: ListAuditQuery): Promise<Page<AuditEventRow>> {
  requirePermission(actor, "audit.read");
  const before = decodeCursor(query.cursor, z.number().int());
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        query.actor ? ilike(auditEvents.actorLabel, `%${query.actor}%`) : undefined,
        query.action ? ilike(auditEvents.action, `${query.action}%`) : undefined,
        query.targetType ? eq(auditEvents.targetType, query.targetType) : undefined,
        query.targetId ? eq(auditEvents.targetId, query.targetId) : undefined,
        query.from ? gte(auditEvents.occurredAt, new Date(query.from)) : undefined,
        query.to ? lte(auditEvents.occurredAt, new Date(query.to)) : undefined,
        before !== undefined ? lt(auditEvents.seq, before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null };
}

/** The change history of one object (workflow timeline, NHI history). */
export async function listAuditForTarget(actor: Actor, targetType: string, targetId: string, limit = 50) {
  requirePermission(actor, "audit.read");
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, targetType), eq(auditEvents.targetId, targetId)))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}
