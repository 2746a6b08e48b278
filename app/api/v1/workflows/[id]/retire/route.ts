import { z } from "zod";
import { retireWorkflow } from "@/lib/domain/workflows/lifecycle";
import { route } from "@/lib/server/route";
import { idParam, reason } from "@/lib/validation/common";

export const POST = route(
  {
    path: "/api/v1/workflows/{id}/retire",
    summary: "Retire (offboard) a workflow: revokes all its entitlements and credentials in one transaction; dryRun previews",
    access: "workflows.lifecycle",
    body: z.object({ reason, dryRun: z.boolean().default(false) }).strict(),
    tag: "Workflows",
  },
  ({ actor, params, body }) => retireWorkflow(actor, idParam(params), { reason: body.reason, dryRun: body.dryRun }),
);
