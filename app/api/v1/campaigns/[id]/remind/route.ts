import { remindCampaign } from "@/lib/domain/campaigns/remind-campaign";
import { route } from "@/lib/server/route";
import { campaignCommandInput } from "@/lib/validation/campaigns";
import { idParam } from "@/lib/validation/common";

export const POST = route(
  {
    path: "/api/v1/campaigns/{id}/remind",
    summary: "Notify every reviewer with pending items in the campaign (one notification each)",
    access: "campaigns.manage",
    body: campaignCommandInput,
    tag: "Campaigns",
  },
  ({ actor, params, body }) => remindCampaign(actor, idParam(params), body.reason),
);
