import { listHookDeliveries } from "@/lib/domain/hooks/deliveries";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { listDeliveriesQuery } from "@/lib/validation/hooks";

export const GET = route(
  { path: "/api/v1/hooks/{id}/deliveries", summary: "Deliveries of a hook with every attempt", access: "hooks.read", query: listDeliveriesQuery, tag: "Hooks" },
  ({ actor, params, query }) => listHookDeliveries(actor, idParam(params), query),
);
