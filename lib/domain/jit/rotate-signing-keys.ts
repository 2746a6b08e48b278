import { db } from "@/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { rotateSigningKey } from "@/lib/domain/keys/signing-keys";

export type RotationResult = { kid: string; retired: { kid: string; verifyUntil: Date | null }[] };

/**
 * `npm run cli -- keys rotate`: a new signing key becomes active; the old one
 * keeps verifying the tokens it signed until they expire, then drops out of
 * the JWKS. The rotation and its audit event commit together.
 */
export async function rotateSigningKeys(actor: Actor): Promise<RotationResult> {
  requirePermission(actor, "settings.manage");
  return db.transaction(async (tx) => {
    const result = await rotateSigningKey(tx);
    await recordAuditEvent(tx, actor, {
      action: "signing_key.rotated",
      targetType: "signing_key",
      targetId: result.kid,
      after: { kid: result.kid, retired: result.retired },
    });
    return result;
  });
}
