import { appUrl } from "@/lib/env";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    path: "/.well-known/authzen-configuration",
    summary: "AuthZEN policy decision point metadata",
    access: { public: "policy enforcement points discover the decision endpoints without credentials" },
    tag: "Runtime authorization",
  },
  async () => {
    const base = appUrl();
    return Response.json(
      {
        policy_decision_point: base,
        access_evaluation_endpoint: `${base}/access/v1/evaluation`,
        access_evaluations_endpoint: `${base}/access/v1/evaluations`,
      },
      { headers: { "cache-control": "public, max-age=300" } },
    );
  },
);
