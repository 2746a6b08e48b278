import { denyEntitlement } from "@/lib/domain/entitlements/decide-entitlement";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { denyEntitlementInput } from "@/lib/validation/entitlements";

export const POST = route(
  { path: "/api/v1/entitlements/{id}/deny", summary: "Deny a request with a comment", access: ["entitlements.approve_business", "entitlements.approve_identity"], body: denyEntitlementInput, tag: "Entitlements" },
  ({ actor, params, body }) => denyEntitlement(actor, idParam(params), body.side, body.comment),
);
