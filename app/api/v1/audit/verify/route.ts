import { verifyAuditTrail } from "@/lib/domain/audit/verify";
import { route } from "@/lib/server/route";

export const GET = route(
  { path: "/api/v1/audit/verify", summary: "Recompute the audit hash chain; names the first broken event", access: "audit.verify", tag: "Audit" },
  ({ actor }) => verifyAuditTrail(actor),
);
