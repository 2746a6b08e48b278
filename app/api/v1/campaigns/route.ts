import { createCampaign } from "@/lib/domain/campaigns/create-campaign";
import { listCampaigns } from "@/lib/domain/campaigns/list-campaigns";
import { route } from "@/lib/server/route";
import { createCampaignInput, listCampaignsQuery } from "@/lib/validation/campaigns";

export const GET = route(
  { path: "/api/v1/campaigns", summary: "List access-review campaigns, newest first, with progress", access: "campaigns.read", query: listCampaignsQuery, tag: "Campaigns" },
  ({ actor, query }) => listCampaigns(actor, query),
);

export const POST = route(
  {
    path: "/api/v1/campaigns",
    summary: "Create a draft campaign: scope filters, stages (default business owner then identity owner), due date, non-response policy",
    access: "campaigns.manage",
    body: createCampaignInput,
    status: 201,
    tag: "Campaigns",
  },
  ({ actor, body }) => createCampaign(actor, body),
);
