import { type SQL, and, arrayContains, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { findings, settings, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { ownerRef } from "@/lib/domain/lists";
import { AppError } from "@/lib/errors";
import { type Page, decodeCursor, encodeCursor, idParam } from "@/lib/validation/common";
import type { ListFindingsQuery } from "@/lib/validation/findings";
import { type FindingView, presentFinding } from "./present";
import { REFRESHED_AT_KEY } from "./refresh-findings";

/** When the rules last ran (null before the first refresh). */
export async function lastRefreshedAt(): Promise<Date | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, REFRESHED_AT_KEY));
  return typeof row?.value === "string" ? new Date(row.value) : null;
}

const cursorShape = z.object({ s: z.enum(["low", "medium", "high", "critical"]), t: z.string(), id: z.uuid() });
// Cursors carry milliseconds; compare at that precision so same-millisecond rows are not skipped.
const firstSeenMs = sql`date_trunc('milliseconds', ${findings.firstSeenAt})`;

/** Worst first, then newest: keyset pages over (severity, first seen, id), all descending. */
export async function listFindings(actor: Actor, query: ListFindingsQuery): Promise<Page<FindingView>> {
  requirePermission(actor, "findings.read");
  const after = decodeCursor(query.cursor, cursorShape);
  const conditions: (SQL | undefined)[] = [
    query.ruleId ? eq(findings.ruleId, query.ruleId) : undefined,
    query.severity ? eq(findings.severity, query.severity) : undefined,
    query.framework ? arrayContains(findings.frameworks, [query.framework]) : undefined,
    query.ownerId === "none" ? isNull(findings.ownerId) : query.ownerId ? eq(findings.ownerId, query.ownerId) : undefined,
    query.status && query.status !== "all" ? eq(findings.status, query.status) : undefined,
    query.targetType ? eq(findings.targetType, query.targetType) : undefined,
    query.targetId ? eq(findings.targetId, query.targetId) : undefined,
    after
      ? sql`(${findings.severity}, ${firstSeenMs}, ${findings.id}) < (${after.s}::finding_severity, ${after.t}::timestamptz, ${after.id}::uuid)`
      : undefined,
  ];
  const refreshedAt = await lastRefreshedAt();
  const rows = await db
    .select({ finding: findings, ownerName: users.name, ownerActive: users.active })
    .from(findings)
    .leftJoin(users, eq(users.id, findings.ownerId))
    .where(and(...conditions))
    .orderBy(desc(findings.severity), desc(firstSeenMs), desc(findings.id))
    .limit(query.limit + 1);
  const items = rows
    .slice(0, query.limit)
    .map((r) => presentFinding(r.finding, ownerRef(r.finding.ownerId, r.ownerName, r.ownerActive), refreshedAt));
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ s: last.severity, t: last.firstSeenAt.toISOString(), id: last.id }) : null,
  };
}

export async function getFinding(actor: Actor, id: string): Promise<FindingView> {
  requirePermission(actor, "findings.read");
  const [row] = await db
    .select({ finding: findings, ownerName: users.name, ownerActive: users.active })
    .from(findings)
    .leftJoin(users, eq(users.id, findings.ownerId))
    .where(eq(findings.id, idParam({ id })));
  if (!row) throw AppError.notFound("Finding");
  return presentFinding(row.finding, ownerRef(row.finding.ownerId, row.ownerName, row.ownerActive), await lastRefreshedAt());
}

/** Open findings per owner, for the owner filter: only people who own something appear. */
export async function listFindingOwners(actor: Actor) {
  requirePermission(actor, "findings.read");
  return db
    .select({ id: users.id, name: users.name, active: users.active })
    .from(users)
    .where(sql`exists (select 1 from findings f where f.owner_id = ${users.id} and f.status <> 'resolved')`)
    .orderBy(users.name);
}

