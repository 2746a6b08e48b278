import { eq } from "drizzle-orm";
import { db } from "@/db";
import { findings } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import { type Actor, hasRole } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { notify } from "@/lib/domain/notifications/notify";
import { AppError } from "@/lib/errors";
import { idParam } from "@/lib/validation/common";
import { type AcceptFindingInput, MAX_ACCEPTANCE_DAYS } from "@/lib/validation/findings";
import { getFinding } from "./list-findings";
import { ruleById } from "./rules";

const DAY_MS = 86_400_000;

/**
 * The accountable owner (or any identity owner, who governs entitlement
 * design and revocation) accepts a finding's risk for a stated reason until a
 * date at most a year away. The finding stays live as `accepted`; the refresh
 * reopens it when the acceptance runs out and resolves it if the condition
 * clears. Accepting again replaces the reason and the expiry.
 */
export async function acceptFindingRisk(actor: Actor, id: string, input: AcceptFindingInput) {
  requirePermission(actor, "findings.accept");
  const findingId = idParam({ id });
  // The schema checks this at parse time; re-check here so a slow request cannot carry an expiry past the bound.
  if (input.until.getTime() > Date.now() + MAX_ACCEPTANCE_DAYS * DAY_MS) {
    throw AppError.invalid("until", `must be within ${MAX_ACCEPTANCE_DAYS} days`);
  }
  if (input.until.getTime() <= Date.now()) throw AppError.invalid("until", "must be in the future");

  await db.transaction(async (tx) => {
    const [finding] = await tx.select().from(findings).where(eq(findings.id, findingId)).for("update");
    if (!finding) throw AppError.notFound("Finding");
    const isOwner = finding.ownerId !== null && finding.ownerId === actor.userId;
    if (!isOwner && !hasRole(actor, "identity_owner")) {
      throw AppError.forbidden("Only the finding's accountable owner or an identity owner may accept its risk");
    }
    if (finding.status === "resolved") throw AppError.conflict("The finding is resolved; there is no risk left to accept");

    await tx
      .update(findings)
      .set({ status: "accepted", acceptedById: actor.userId, acceptedReason: input.reason, acceptedUntil: input.until })
      .where(eq(findings.id, findingId));
    await notify(tx, [
      {
        userId: finding.ownerId === actor.userId ? null : finding.ownerId,
        kind: "finding.risk_accepted",
        title: `Risk accepted: ${ruleById(finding.ruleId)?.title ?? finding.ruleId}`,
        body: `Accepted by ${actor.label} until ${input.until.toISOString().slice(0, 10)}: ${input.reason}`,
        link: `/findings?ruleId=${finding.ruleId}&status=accepted`,
      },
    ]);
    await recordAuditEvent(tx, actor, {
      action: "finding.risk_accepted",
      targetType: "finding",
      targetId: findingId,
      reason: input.reason,
      before: { status: finding.status, acceptedUntil: finding.acceptedUntil },
      after: { status: "accepted", acceptedUntil: input.until, ruleId: finding.ruleId, targetType: finding.targetType, targetId: finding.targetId },
    });
  });
  return getFinding(actor, findingId);
}
