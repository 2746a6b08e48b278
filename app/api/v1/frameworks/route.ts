import { listFrameworks } from "@/lib/domain/findings/list-frameworks";
import { route } from "@/lib/server/route";

export const GET = route(
  {
    path: "/api/v1/frameworks",
    summary: "Coverage per OWASP NHI, OWASP Agentic and NIST AI RMF item: controls, rules and open findings",
    access: "findings.read",
    tag: "Findings",
  },
  async ({ actor }) => {
    const frameworks = await listFrameworks(actor);
    return {
      frameworks: frameworks.map(({ id, title, openFindings }) => ({ id, title, openFindings })),
      items: frameworks.flatMap((f) => f.items.map((item) => ({ framework: f.id, ...item }))),
    };
  },
);
