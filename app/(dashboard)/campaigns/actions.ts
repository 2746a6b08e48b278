"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { closeCampaign } from "@/lib/domain/campaigns/close-campaign";
import { createCampaign } from "@/lib/domain/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/campaigns/launch-campaign";
import { reassignItem } from "@/lib/domain/campaigns/reassign-item";
import { remindCampaign } from "@/lib/domain/campaigns/remind-campaign";
import { action } from "@/lib/server/action";
import { createCampaignInput, reassignItemInput } from "@/lib/validation/campaigns";
import { reason, uuid } from "@/lib/validation/common";

const byId = z.object({ id: uuid, reason }).strict();

/** The list, the detail page and the reviewers' queues all show what a campaign command changed. */
function revalidateCampaign(id?: string) {
  revalidatePath("/campaigns");
  if (id) revalidatePath(`/campaigns/${id}`);
  revalidatePath("/reviews");
}

export const createCampaignAction = action("campaigns.create", "campaigns.manage", createCampaignInput, async (actor, input) => {
  const campaign = await createCampaign(actor, input);
  revalidateCampaign();
  return { id: campaign.id, name: campaign.name };
});

export const launchCampaignAction = action("campaigns.launch", "campaigns.manage", byId, async (actor, { id, reason }) => {
  const outcome = await launchCampaign(actor, id, reason);
  revalidateCampaign(id);
  return { populationSize: outcome.populationSize, reviewers: outcome.reviewers, unassigned: outcome.unassigned };
});

export const closeCampaignAction = action("campaigns.close", "campaigns.manage", byId, async (actor, { id, reason }) => {
  const outcome = await closeCampaign(actor, id, reason);
  revalidateCampaign(id);
  return { nonResponse: outcome.nonResponse, revoked: outcome.revoked, kept: outcome.kept, policy: outcome.nonResponsePolicy };
});

export const remindCampaignAction = action("campaigns.remind", "campaigns.manage", byId, async (actor, { id, reason }) => {
  const outcome = await remindCampaign(actor, id, reason);
  revalidateCampaign(id);
  return { reviewersNotified: outcome.reviewersNotified, pendingItems: outcome.pendingItems };
});

export const reassignItemAction = action(
  "campaigns.reassign_item",
  "campaigns.manage",
  reassignItemInput.extend({ campaignId: uuid, itemId: uuid }),
  async (actor, { campaignId, itemId, ...input }) => {
    const item = await reassignItem(actor, campaignId, itemId, input);
    revalidateCampaign(campaignId);
    return { id: item.id, reviewerId: item.reviewerId };
  },
);
