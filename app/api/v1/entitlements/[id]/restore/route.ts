import { restoreEntitlement } from "@/lib/domain/revocation/restore-revocation";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";

export const POST = route(
  { path: "/api/v1/entitlements/{id}/restore", summary: "Undo the latest revocation of this entitlement (within 30 s; after that 409)", access: "access.revoke", tag: "Revocation" },
  ({ actor, params }) => restoreEntitlement(actor, idParam(params)),
);
