import { exportCampaignEvidence } from "@/lib/domain/campaigns/export-evidence";
import { route } from "@/lib/server/route";
import { evidenceQuery } from "@/lib/validation/campaigns";
import { idParam } from "@/lib/validation/common";

export const GET = route(
  {
    path: "/api/v1/campaigns/{id}/evidence",
    summary: "Evidence package (format=csv|json) of an active or closed campaign; its SHA-256 is recorded in the audit trail",
    access: "evidence.export",
    query: evidenceQuery,
    tag: "Campaigns",
  },
  async ({ actor, params, query, requestId }) => {
    const evidence = await exportCampaignEvidence(actor, idParam(params), query.format);
    return new Response(evidence.body, {
      status: 200,
      headers: {
        "content-type": evidence.contentType,
        "content-disposition": `attachment; filename="${evidence.filename}"`,
        "x-evidence-sha256": evidence.sha256,
        "x-request-id": requestId,
        "cache-control": "no-store",
      },
    });
  },
);
