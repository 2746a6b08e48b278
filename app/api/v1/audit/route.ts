import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import { route } from "@/lib/server/route";
import { listAuditQuery } from "@/lib/validation/audit";

export const GET = route(
  { path: "/api/v1/audit", summary: "Audit events, newest first", access: "audit.read", query: listAuditQuery, tag: "Audit" },
  ({ actor, query }) => listAuditEvents(actor, query),
);
