import { launchCampaign } from "@/lib/domain/campaigns/launch-campaign";
import { route } from "@/lib/server/route";
import { campaignCommandInput } from "@/lib/validation/campaigns";
import { idParam } from "@/lib/validation/common";

export const POST = route(
  {
    path: "/api/v1/campaigns/{id}/launch",
    summary: "Launch a draft campaign: freeze the population (hashed snapshot) and assign first-stage reviewers; 409 if not a draft",
    access: "campaigns.manage",
    body: campaignCommandInput,
    tag: "Campaigns",
  },
  ({ actor, params, body }) => launchCampaign(actor, idParam(params), body.reason),
);
