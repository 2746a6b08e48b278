import crypto from "node:crypto";
import { desc } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/domain/actor";
import { changesPosture, requestPostureRefresh } from "@/lib/domain/posture/request-posture-refresh";
import { GENESIS_HASH, canonicalJson, hashAuditEvent } from "./hash";

/** Serialises audit writers so the chain has a single order (released at commit). */
const AUDIT_WRITER_LOCK = 7_202_612;

export type AuditInput = {
  action: string;
  targetType: string;
  targetId?: string | null;
  reason?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/**
 * Appends one event to the hash chain inside the caller's transaction, so the
 * change and its audit event commit or fail together. Call it last in the
 * transaction: the writer lock is held until commit.
 */
export async function recordAuditEvent(tx: Transaction, actor: Actor, input: AuditInput) {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_WRITER_LOCK})`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);

  const event = {
    seq: (last?.seq ?? 0) + 1,
    id: crypto.randomUUID(),
    occurredAt: new Date(),
    actorType: actor.kind,
    actorId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    reason: input.reason ?? null,
    before: normalise(input.before),
    after: normalise(input.after),
    requestId: actor.requestId ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditEvent(event);
  await tx.insert(auditEvents).values({ ...event, hash });
  // Every inventory change is audited here, so this is the one place that
  // cannot forget to ask for derived state (findings, guardrail verdicts).
  if (changesPosture(input.action)) await requestPostureRefresh(tx);
  return { ...event, hash };
}

/** Store exactly what was hashed: dates as ISO strings, no undefined keys. */
function normalise(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  return value == null ? null : (JSON.parse(canonicalJson(value)) as Record<string, unknown>);
}
