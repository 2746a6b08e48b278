import { listFindings } from "@/lib/domain/findings/list-findings";
import { route } from "@/lib/server/route";
import { listFindingsQuery } from "@/lib/validation/findings";

export const GET = route(
  {
    path: "/api/v1/findings",
    summary: "List risk findings (filters: ruleId, severity, framework, ownerId, status, targetType, targetId), worst first",
    access: "findings.read",
    query: listFindingsQuery,
    tag: "Findings",
  },
  ({ actor, query }) => listFindings(actor, query),
);
