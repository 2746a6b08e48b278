import { evaluateAccess } from "@/lib/domain/runtime/evaluate";
import { toAuthzenDecision } from "@/lib/domain/runtime/evaluate-batch";
import { route } from "@/lib/server/route";
import { evaluationRequest } from "@/lib/validation/authzen";
import { decisionResponse } from "../decision-response";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    path: "/access/v1/evaluation",
    summary: "AuthZEN 1.0 access evaluation: may this NHI perform this action on this data set now?",
    access: "runtime.authorize",
    body: evaluationRequest,
    tag: "Runtime authorization",
  },
  async ({ actor, body, requestId }) => decisionResponse(toAuthzenDecision(await evaluateAccess(body, actor)), requestId),
);
