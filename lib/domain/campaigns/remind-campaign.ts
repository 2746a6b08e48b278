import { sql } from "drizzle-orm";
import { db } from "@/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { notify } from "@/lib/domain/notifications/notify";
import { findCampaign, requireStatus } from "./load-campaign";

/** One in-app notification per reviewer who still has pending items in the campaign, however many they have. */
export async function remindCampaign(actor: Actor, id: string, reason?: string): Promise<{ id: string; reviewersNotified: number; pendingItems: number }> {
  requirePermission(actor, "campaigns.manage");
  return db.transaction(async (tx) => {
    const campaign = await findCampaign(tx, id);
    requireStatus(campaign, ["active"], "send reminders for");
    const rows = await tx.execute<{ reviewer_id: string; n: number; overdue: number }>(sql`
      select reviewer_id, count(*)::int as n, count(*) filter (where due_at < now())::int as overdue
      from review_items where campaign_id = ${id} and status = 'pending' and reviewer_id is not null
      group by reviewer_id`);
    const due = campaign.dueAt.toISOString().slice(0, 10);
    await notify(
      tx,
      rows.map((r) => ({
        userId: r.reviewer_id,
        kind: "campaign.reminder",
        title: `Reminder: ${r.n} review${r.n === 1 ? "" : "s"} waiting in "${campaign.name}"`,
        body: r.overdue ? `${r.overdue} overdue (due ${due}).` : `Due ${due}.`,
        link: "/reviews",
      })),
    );
    const pendingItems = rows.reduce((sum, r) => sum + r.n, 0);
    await recordAuditEvent(tx, actor, {
      action: "campaign.reminded",
      targetType: "campaign",
      targetId: id,
      reason: reason ?? null,
      after: { reviewersNotified: rows.length, pendingItems },
    });
    return { id, reviewersNotified: rows.length, pendingItems };
  });
}
