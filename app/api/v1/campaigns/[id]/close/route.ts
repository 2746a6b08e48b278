import { closeCampaign } from "@/lib/domain/campaigns/close-campaign";
import { route } from "@/lib/server/route";
import { campaignCommandInput } from "@/lib/validation/campaigns";
import { idParam } from "@/lib/validation/common";

export const POST = route(
  {
    path: "/api/v1/campaigns/{id}/close",
    summary: "Close an active campaign, applying its non-response policy (keep, or revoke for real) to undecided items",
    access: "campaigns.manage",
    body: campaignCommandInput,
    tag: "Campaigns",
  },
  ({ actor, params, body }) => closeCampaign(actor, idParam(params), body.reason),
);
