import { replayDelivery } from "@/lib/domain/hooks/deliveries";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";

export const POST = route(
  { path: "/api/v1/hooks/deliveries/{id}/replay", summary: "Send a delivery again (same webhook-id, receivers de-duplicate)", access: "hooks.manage", tag: "Hooks" },
  ({ actor, params }) => replayDelivery(actor, idParam(params)),
);
