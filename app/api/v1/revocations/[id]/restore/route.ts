import { restoreRevocation } from "@/lib/domain/revocation/restore-revocation";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";

export const POST = route(
  { path: "/api/v1/revocations/{id}/restore", summary: "Undo any revocation (entitlement, credential, NHI, kill switch) within 30 s", access: "access.revoke", tag: "Revocation" },
  ({ actor, params }) => restoreRevocation(actor, idParam(params)),
);
