import { listCampaignItems } from "@/lib/domain/campaigns/list-campaign-items";
import { route } from "@/lib/server/route";
import { listCampaignItemsQuery } from "@/lib/validation/campaigns";
import { idParam } from "@/lib/validation/common";

export const GET = route(
  {
    path: "/api/v1/campaigns/{id}/items",
    summary: "The campaign's review items (frozen facts, stage, reviewer, status), id order; `status=pending` for what is still open",
    access: "campaigns.read",
    query: listCampaignItemsQuery,
    tag: "Campaigns",
  },
  ({ actor, params, query }) => listCampaignItems(actor, idParam(params), query),
);
