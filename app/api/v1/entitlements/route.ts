import { listEntitlements } from "@/lib/domain/entitlements/list-entitlements";
import { requestEntitlement } from "@/lib/domain/entitlements/request-entitlement";
import { route } from "@/lib/server/route";
import { listEntitlementsQuery, requestEntitlementInput } from "@/lib/validation/entitlements";

export const GET = route(
  { path: "/api/v1/entitlements", summary: "List entitlements; `inbox=mine` waits for my signature, `inbox=requested` are my requests", access: "entitlements.read", query: listEntitlementsQuery, tag: "Entitlements" },
  ({ actor, query }) => listEntitlements(actor, query),
);

export const POST = route(
  {
    path: "/api/v1/entitlements",
    summary: "Request access for an NHI (pending until the business and identity sides both approve)",
    access: "entitlements.request",
    body: requestEntitlementInput,
    status: 201,
    tag: "Entitlements",
  },
  ({ actor, body }) => requestEntitlement(actor, body),
);
