import { listDecisions } from "@/lib/domain/runtime/list-decisions";
import { route } from "@/lib/server/route";
import { listDecisionsQuery } from "@/lib/validation/decisions";

export const GET = route(
  { path: "/api/v1/decisions", summary: "Runtime decisions, newest first", access: "decisions.read", query: listDecisionsQuery, tag: "Runtime authorization" },
  ({ actor, query }) => listDecisions(actor, query),
);
