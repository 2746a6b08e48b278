import crypto from "node:crypto";
import { desc, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { hookDeliveries, hooks } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import type { CreateHookInput, UpdateHookInput } from "@/lib/validation/hooks";
import { assertSafeHookUrl } from "./url-guard";

export const HOOK_SECRET_PURPOSE = "hook-secrets";
type HookRow = typeof hooks.$inferSelect;

/** What anyone may see of a hook: never its secret. */
export function presentHook(h: HookRow) {
  const { secretEncrypted: _s, previousSecretEncrypted: _p, ...rest } = h;
  return { ...rest, rotating: Boolean(h.previousSecretEncrypted && h.previousSecretValidUntil && h.previousSecretValidUntil > new Date()) };
}

function newSecret() {
  return `whsec_${crypto.randomBytes(24).toString("base64")}`;
}

export async function listHooks(actor: Actor) {
  requirePermission(actor, "hooks.read");
  const rows = await db.select().from(hooks).orderBy(desc(hooks.createdAt));
  const latest = rows.length
    ? await db
        .selectDistinctOn([hookDeliveries.hookId], {
          hookId: hookDeliveries.hookId,
          status: hookDeliveries.status,
          createdAt: hookDeliveries.createdAt,
          deliveredAt: hookDeliveries.deliveredAt,
        })
        .from(hookDeliveries)
        .where(inArray(hookDeliveries.hookId, rows.map((r) => r.id)))
        .orderBy(hookDeliveries.hookId, desc(hookDeliveries.createdAt))
    : [];
  return {
    items: rows.map((h) => ({ ...presentHook(h), lastDelivery: latest.find((d) => d.hookId === h.id) ?? null })),
    nextCursor: null,
  };
}

export async function getHook(actor: Actor, id: string) {
  requirePermission(actor, "hooks.read");
  const [row] = await db.select().from(hooks).where(eq(hooks.id, id));
  if (!row) throw AppError.notFound("Hook");
  return presentHook(row);
}

/**
 * Registers a revocation hook. A standard-webhooks hook gets a `whsec_` secret
 * that is returned in this answer only; caep-set hooks are signed with our
 * published key instead.
 */
export async function createHook(actor: Actor, input: CreateHookInput) {
  requirePermission(actor, "hooks.manage");
  const url = await assertSafeHookUrl(input.url);
  const secret = input.format === "standard-webhooks" ? newSecret() : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(hooks)
      .values({
        name: input.name,
        url: url.toString(),
        events: input.events,
        format: input.format,
        secretEncrypted: secret ? seal(secret, HOOK_SECRET_PURPOSE) : null,
        createdById: actor.userId,
      })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "hook.created",
      targetType: "hook",
      targetId: row!.id,
      after: { name: input.name, url: url.toString(), events: input.events, format: input.format },
    });
    return { ...presentHook(row!), secret };
  });
}

export async function updateHook(actor: Actor, id: string, input: UpdateHookInput) {
  requirePermission(actor, "hooks.manage");
  const { reason, ...changes } = input;
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(hooks).where(eq(hooks.id, id)).for("update");
    if (!before) throw AppError.notFound("Hook");
    const reenabling = changes.active === true && !before.active;
    const [after] = await tx
      .update(hooks)
      .set({ ...changes, ...(reenabling ? { disabledAt: null, disabledReason: null } : {}), ...(changes.active === false ? { disabledAt: new Date(), disabledReason: reason ?? "disabled by an owner" } : {}), updatedAt: new Date() })
      .where(eq(hooks.id, id))
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "hook.updated",
      targetType: "hook",
      targetId: id,
      reason,
      before: { name: before.name, events: before.events, active: before.active },
      after: changes,
    });
    return presentHook(after!);
  });
}

/**
 * New signing secret; the old one keeps signing alongside it (two `v1,`
 * signatures) for the grace period so receivers can switch without a gap.
 */
export async function rotateHookSecret(actor: Actor, id: string, graceHours: number, reason?: string) {
  requirePermission(actor, "hooks.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(hooks).where(eq(hooks.id, id)).for("update");
    if (!before) throw AppError.notFound("Hook");
    if (before.format !== "standard-webhooks" || !before.secretEncrypted) {
      throw AppError.conflict("Only standard-webhooks hooks have a secret; caep-set hooks are signed with the published key");
    }
    const secret = newSecret();
    const [after] = await tx
      .update(hooks)
      .set({
        secretEncrypted: seal(secret, HOOK_SECRET_PURPOSE),
        previousSecretEncrypted: graceHours > 0 ? before.secretEncrypted : null,
        previousSecretValidUntil: graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null,
        updatedAt: new Date(),
      })
      .where(eq(hooks.id, id))
      .returning();
    await recordAuditEvent(tx, actor, { action: "hook.secret_rotated", targetType: "hook", targetId: id, reason, after: { graceHours } });
    return { ...presentHook(after!), secret };
  });
}
