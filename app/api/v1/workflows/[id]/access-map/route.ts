import { getAccessMap } from "@/lib/domain/workflows/get-access-map";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";

export const GET = route(
  {
    path: "/api/v1/workflows/{id}/access-map",
    summary: "The four questions answered: task, workload identities, task credentials, who can revoke and through which hooks",
    access: "entitlements.read",
    tag: "Workflows",
  },
  ({ actor, params }) => getAccessMap(actor, idParam(params)),
);
