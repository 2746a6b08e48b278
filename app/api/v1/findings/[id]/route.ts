import { getFinding } from "@/lib/domain/findings/list-findings";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";

export const GET = route(
  { path: "/api/v1/findings/{id}", summary: "One finding with its rule's remediation and framework ids", access: "findings.read", tag: "Findings" },
  ({ actor, params }) => getFinding(actor, idParam(params)),
);
