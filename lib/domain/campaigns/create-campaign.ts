import { db } from "@/db";
import { reviewCampaigns, users } from "@/db/schema";
import { eq } from "drizzle-orm";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { CreateCampaignInput } from "@/lib/validation/campaigns";

/** A draft campaign: nothing is frozen or assigned until launch. The creator owns it. */
export async function createCampaign(actor: Actor, input: CreateCampaignInput) {
  requirePermission(actor, "campaigns.manage");
  return db.transaction(async (tx) => {
    if (input.scope.ownerId) {
      const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.scope.ownerId));
      if (!owner) throw AppError.invalid("scope.ownerId", "no such user");
    }
    const [campaign] = await tx
      .insert(reviewCampaigns)
      .values({
        name: input.name,
        description: input.description ?? "",
        scope: input.scope,
        stages: input.stages,
        dueAt: input.dueAt,
        nonResponse: input.nonResponse,
        status: "draft",
        ownerId: actor.userId,
      })
      .returning();
    await recordAuditEvent(tx, actor, {
      action: "campaign.created",
      targetType: "campaign",
      targetId: campaign!.id,
      reason: input.reason ?? null,
      after: { name: input.name, scope: input.scope, stages: input.stages, dueAt: input.dueAt, nonResponse: input.nonResponse },
    });
    return campaign!;
  });
}
