import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { credentials, entitlements, nhis, workflowNhis } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { assertMayRevoke } from "@/lib/domain/revocation/may-revoke";
import { announceRevocation } from "@/lib/domain/revocation/revoke-access";
import { revokeRows } from "@/lib/domain/revocation/revoke-rows";
import { AppError } from "@/lib/errors";
import type { RegisterCredentialInput, RotateCredentialInput } from "@/lib/validation/credentials";
import { materialFingerprint } from "./fingerprint";

type CredentialRow = typeof credentials.$inferSelect;

/** What the API shows of a credential: metadata only, with its age and expiry made explicit. */
export function presentCredential(c: CredentialRow, now = new Date()) {
  const ageDays = Math.floor((now.getTime() - c.issuedAt.getTime()) / 86_400_000);
  const expiresInDays = c.expiresAt ? Math.floor((c.expiresAt.getTime() - now.getTime()) / 86_400_000) : null;
  return { ...c, ageDays, expiresInDays, expired: c.expiresAt ? c.expiresAt <= now : false };
}

export async function listCredentials(actor: Actor, nhiId: string) {
  requirePermission(actor, "identities.read");
  const [nhi] = await db.select({ id: nhis.id }).from(nhis).where(eq(nhis.id, nhiId));
  if (!nhi) throw AppError.notFound("NHI");
  const rows = await db.select().from(credentials).where(eq(credentials.nhiId, nhiId)).orderBy(desc(credentials.issuedAt));
  return { items: rows.map((c) => presentCredential(c)), nextCursor: null };
}

/** Registers credential metadata for an NHI, optionally issued for one entitlement only. */
export async function registerCredential(actor: Actor, nhiId: string, input: RegisterCredentialInput) {
  requirePermission(actor, "credentials.write");
  const { secret: _secret, fingerprint: _fingerprint, ...meta } = input;
  const fingerprint = materialFingerprint(input);
  return db.transaction(async (tx) => {
    const [nhi] = await tx.select({ id: nhis.id, status: nhis.status }).from(nhis).where(eq(nhis.id, nhiId));
    if (!nhi) throw AppError.notFound("NHI");
    if (meta.entitlementId) {
      const [grant] = await tx
        .select({ id: entitlements.id })
        .from(entitlements)
        .where(and(eq(entitlements.id, meta.entitlementId), eq(entitlements.nhiId, nhiId)));
      if (!grant) throw AppError.invalid("entitlementId", "no entitlement of this NHI has this id");
    }
    const [created] = await tx
      .insert(credentials)
      .values({ ...meta, nhiId, fingerprint, issuedAt: meta.issuedAt ?? new Date(), lastRotatedAt: meta.issuedAt ?? new Date() })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "credential.registered",
      targetType: "credential",
      targetId: created!.id,
      after: { nhiId, kind: meta.kind, name: meta.name, fingerprint, location: meta.location, expiresAt: meta.expiresAt, entitlementId: meta.entitlementId },
    });
    return presentCredential(created!);
  });
}

/** Replaces a credential with a new one (new fingerprint); the old one stops being valid in the same transaction. */
export async function rotateCredential(actor: Actor, id: string, input: RotateCredentialInput) {
  requirePermission(actor, "credentials.write");
  const fingerprint = materialFingerprint(input);
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(credentials).where(eq(credentials.id, id)).for("update");
    if (!old) throw AppError.notFound("Credential");
    if (old.status !== "active") throw AppError.conflict(`Only an active credential can be rotated (it is ${old.status})`);
    if (old.kind === "jit_token") throw AppError.conflict("JIT tokens are not rotated; they expire");
    if (fingerprint === old.fingerprint) throw AppError.invalid("fingerprint", "the new credential must differ from the old one");
    const now = new Date();
    const lifetime = old.expiresAt ? old.expiresAt.getTime() - old.issuedAt.getTime() : null;
    const [fresh] = await tx
      .insert(credentials)
      .values({
        nhiId: old.nhiId,
        entitlementId: old.entitlementId,
        kind: old.kind,
        name: old.name,
        fingerprint,
        location: old.location,
        issuedAt: now,
        lastRotatedAt: now,
        rotationPeriodDays: old.rotationPeriodDays,
        expiresAt: input.expiresAt !== undefined ? input.expiresAt : lifetime ? new Date(now.getTime() + lifetime) : null,
      })
      .returning();
    await tx
      .update(credentials)
      .set({ status: "rotated", replacedById: fresh!.id, revokedAt: now, revokedById: actor.userId, revokeReason: input.reason ?? "rotated", flaggedAt: null, updatedAt: now })
      .where(eq(credentials.id, id));
    await recordAuditEvent(tx, actor, {
      action: "credential.rotated",
      targetType: "credential",
      targetId: id,
      reason: input.reason,
      before: { fingerprint: old.fingerprint, status: old.status },
      after: { replacedById: fresh!.id, fingerprint, status: "rotated" },
    });
    return { rotated: presentCredential({ ...old, status: "rotated", replacedById: fresh!.id }), replacement: presentCredential(fresh!) };
  });
}

/** Revokes a credential at once, with its hook event; revoking twice is a no-op. */
export async function revokeCredential(actor: Actor, id: string, reason?: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ credential: credentials, nhi: nhis, workflowId: entitlements.workflowId })
      .from(credentials)
      .innerJoin(nhis, eq(nhis.id, credentials.nhiId))
      .leftJoin(entitlements, eq(entitlements.id, credentials.entitlementId))
      .where(eq(credentials.id, id));
    if (!row) throw AppError.notFound("Credential");
    const served = row.workflowId
      ? [row.workflowId]
      : (await tx.select({ id: workflowNhis.workflowId }).from(workflowNhis).where(eq(workflowNhis.nhiId, row.nhi.id))).map((w) => w.id);
    await assertMayRevoke(tx, actor, served);
    const why = reason?.trim() || "Revoked by an owner";
    const revoked = await revokeRows(tx, actor, { type: "credential", id, workflowId: row.workflowId }, { entitlementIds: [], credentialIds: [id] }, why);
    const outcome = revoked
      ? await announceRevocation(tx, actor, revoked, why, {
          type: "credential.revoked",
          auditTarget: { type: "credential", id },
          workflow: null,
          identity: row.nhi,
          dataSet: null,
          actions: [],
        })
      : { revoked: false, revocationId: null, undoUntil: null, entitlements: 0, credentials: 0, deliveries: 0 };
    const [after] = await tx.select().from(credentials).where(eq(credentials.id, id));
    return { ...outcome, credential: presentCredential(after!) };
  });
}
