import { getCampaign } from "@/lib/domain/campaigns/get-campaign";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";

export const GET = route(
  { path: "/api/v1/campaigns/{id}", summary: "A campaign with progress per stage and per reviewer and its burndown", access: "campaigns.read", tag: "Campaigns" },
  ({ actor, params }) => getCampaign(actor, idParam(params)),
);
