import { reassignItem } from "@/lib/domain/campaigns/reassign-item";
import { route } from "@/lib/server/route";
import { reassignItemInput } from "@/lib/validation/campaigns";
import { idParam } from "@/lib/validation/common";

export const POST = route(
  {
    path: "/api/v1/campaigns/{id}/items/{itemId}/reassign",
    summary: "Move a pending campaign item to another eligible reviewer, with a reason",
    access: "campaigns.manage",
    body: reassignItemInput,
    tag: "Campaigns",
  },
  ({ actor, params, body }) => reassignItem(actor, idParam(params), idParam(params, "itemId"), body),
);
