import { approveEntitlement } from "@/lib/domain/entitlements/decide-entitlement";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { approveEntitlementInput } from "@/lib/validation/entitlements";

export const POST = route(
  { path: "/api/v1/entitlements/{id}/approve", summary: "Sign one side of a request; active once both sides signed", access: ["entitlements.approve_business", "entitlements.approve_identity"], body: approveEntitlementInput, tag: "Entitlements" },
  ({ actor, params, body }) => approveEntitlement(actor, idParam(params), body.side, body.comment),
);
