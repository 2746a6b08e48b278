import { evaluateAccessBatch, toAuthzenDecision } from "@/lib/domain/runtime/evaluate-batch";
import { route } from "@/lib/server/route";
import { evaluationsRequest } from "@/lib/validation/authzen";
import { decisionResponse } from "../decision-response";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    path: "/access/v1/evaluations",
    summary: "AuthZEN 1.0 batch evaluation: top-level fields are defaults for each item; options.evaluations_semantic short-circuits",
    access: "runtime.authorize",
    body: evaluationsRequest,
    tag: "Runtime authorization",
  },
  async ({ actor, body, requestId }) => {
    const answers = (await evaluateAccessBatch(body.requests, body.semantic, actor)).map(toAuthzenDecision);
    // Without an `evaluations` array the request is a single evaluation and is answered like one (AuthZEN §7).
    return decisionResponse(body.batch ? { evaluations: answers } : answers[0], requestId);
  },
);
