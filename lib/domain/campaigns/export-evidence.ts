import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { type Transaction, db } from "@/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import type { EvidenceFormat } from "@/lib/validation/campaigns";
import { csvLine } from "./evidence-csv";
import { type Remediation, loadRemediation } from "./evidence-remediation";
import { type CampaignRow, findCampaign, requireStatus } from "./load-campaign";
import { computeSnapshotHash } from "./snapshot-hash";

export type Outcome = "certified" | "modified" | "revoked" | "non_response_kept" | "non_response_revoked" | "pending";

export type EvidenceItem = {
  itemId: string;
  entitlementId: string;
  stage: string;
  status: string;
  decision: string | null;
  /** What happened to the grant over the whole campaign (any revoke wins). */
  outcome: Outcome;
  rationale: string | null;
  reviewer: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  closedReason: string | null;
  delegatedFrom: string | null;
  delegationReason: string | null;
  snapshot: Record<string, unknown>;
  remediation: Remediation | null;
};

export type EvidenceTotals = {
  population: number;
  decided: number;
  certified: number;
  modified: number;
  revoked: number;
  nonResponse: number;
  nonResponseRevoked: number;
  nonResponseKept: number;
  pending: number;
  items: number;
  reconciles: boolean;
  equation: string;
};

export type EvidencePackage = { body: string; sha256: string; contentType: string; filename: string; totals: EvidenceTotals };

/** The snapshot facts shown as columns, in order (the JSON carries the whole snapshot). */
export const FACT_COLUMNS = [
  ["workflow", "workflowName"],
  ["autonomy", "autonomy"],
  ["business_owner", "businessOwner"],
  ["identity_owner", "identityOwner"],
  ["nhi", "nhiName"],
  ["nhi_kind", "nhiKind"],
  ["provider", "provider"],
  ["external_id", "externalId"],
  ["classification", "classification"],
  ["data_set", "dataSetName"],
  ["system", "system"],
  ["sensitivity", "sensitivity"],
  ["environment", "environment"],
  ["actions", "actions"],
  ["jit", "jit"],
  ["expires_at_utc", "expiresAt"],
  ["last_used_at_utc", "lastUsedAt"],
  ["requested_by", "requestedBy"],
  ["business_approved_by", "businessApprovedBy"],
  ["business_approved_at_utc", "businessApprovedAt"],
  ["identity_approved_by", "identityApprovedBy"],
  ["identity_approved_at_utc", "identityApprovedAt"],
  ["granted_at_utc", "grantedAt"],
] as const;

/**
 * The evidence package of a campaign (active or closed): every item with the
 * frozen facts, reviewer, stage, decision, rationale and UTC time; the
 * remediation proof of every revoke; totals that reconcile. The SHA-256 of
 * the exact bytes returned is written to the audit trail in the same
 * transaction, so a file handed to an auditor can be matched to its export.
 */
export type EvidenceData = { header: EvidenceHeader; totals: EvidenceTotals; items: EvidenceItem[] };
export type EvidenceHeader = {
  id: string;
  name: string;
  description: string;
  status: string;
  scope: Record<string, unknown>;
  stages: string[];
  nonResponse: string;
  dueAt: string;
  launchedAt: string | null;
  closedAt: string | null;
  populationSize: number | null;
  snapshotHash: string | null;
  snapshotHashVerified: boolean;
};

export async function exportCampaignEvidence(actor: Actor, id: string, format: EvidenceFormat): Promise<EvidencePackage> {
  requirePermission(actor, "evidence.export");
  return db.transaction(async (tx) => {
    const { header, totals, items } = await loadEvidence(tx, id);
    const generatedAt = new Date().toISOString();
    const body =
      format === "json"
        ? JSON.stringify({ format: "countersign.campaign-evidence/v1", generatedAt, campaign: header, totals, items }, null, 2)
        : toCsv(header, totals, items, generatedAt);
    const sha256 = crypto.createHash("sha256").update(body, "utf8").digest("hex");
    await recordAuditEvent(tx, actor, {
      action: "campaign.evidence_exported",
      targetType: "campaign",
      targetId: id,
      after: { format, sha256, bytes: Buffer.byteLength(body, "utf8"), items: items.length, population: totals.population, reconciles: totals.reconciles, generatedAt },
    });
    const slug = header.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "campaign";
    return {
      body,
      sha256,
      contentType: format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      filename: `${slug}-evidence.${format}`,
      totals,
    };
  });
}

/** The same evidence for the printable report page (read-only: a page view is not an export). */
export async function getEvidenceReport(actor: Actor, id: string): Promise<EvidenceData> {
  requirePermission(actor, "evidence.export");
  return db.transaction((tx) => loadEvidence(tx, id));
}

async function loadEvidence(tx: Transaction, id: string): Promise<EvidenceData> {
  const campaign = await findCampaign(tx, id);
  requireStatus(campaign, ["active", "closed"], "export evidence for");
  const rows = await tx.execute<{
    id: string;
    entitlement_id: string;
    stage: string;
    status: string;
    decision: string | null;
    rationale: string | null;
    reviewer: string | null;
    decided_by: string | null;
    decided_at: string | null;
    closed_reason: string | null;
    delegated_from: string | null;
    delegation_reason: string | null;
    snapshot: Record<string, unknown>;
  }>(sql`
    select r.id, r.entitlement_id, r.stage::text, r.status::text, r.decision::text, r.rationale,
           ru.email as reviewer, du.email as decided_by, fu.email as delegated_from, r.delegation_reason, r.closed_reason,
           to_char(r.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as decided_at, r.snapshot
    from review_items r
    left join users ru on ru.id = r.reviewer_id
    left join users du on du.id = r.decided_by_id
    left join users fu on fu.id = r.delegated_from_id
    where r.campaign_id = ${id}
    order by r.entitlement_id, r.stage`);
  const remediation = await loadRemediation(tx, id, campaign.launchedAt!, campaign.nonResponse === "revoke");
  const outcomes = outcomeByEntitlement(rows, campaign);
  const items: EvidenceItem[] = rows.map((r) => ({
    itemId: r.id,
    entitlementId: r.entitlement_id,
    stage: r.stage,
    status: r.status,
    decision: r.decision,
    outcome: outcomes.get(r.entitlement_id)!,
    rationale: r.rationale,
    reviewer: r.reviewer,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    closedReason: r.closed_reason,
    delegatedFrom: r.delegated_from,
    delegationReason: r.delegation_reason,
    snapshot: r.snapshot,
    remediation: r.decision === "revoke" || (r.decision === "non_response" && campaign.nonResponse === "revoke") ? (remediation.get(r.entitlement_id) ?? null) : null,
  }));
  const totals = reconcile(outcomes, campaign, rows.length);
  const recomputed = await computeSnapshotHash(tx, id, campaign.stages[0]!);
  const header: EvidenceHeader = {
    id: campaign.id,
    name: campaign.name,
    description: campaign.description,
    status: campaign.status,
    scope: campaign.scope,
    stages: campaign.stages,
    nonResponse: campaign.nonResponse,
    dueAt: campaign.dueAt.toISOString(),
    launchedAt: campaign.launchedAt?.toISOString() ?? null,
    closedAt: campaign.closedAt?.toISOString() ?? null,
    populationSize: campaign.populationSize,
    snapshotHash: campaign.snapshotHash,
    snapshotHashVerified: recomputed.hash === campaign.snapshotHash,
  };
  return { header, totals, items };
}

type ItemFacts = { entitlement_id: string; stage: string; status: string; decision: string | null };

/** One outcome per entitlement: a revoke at any stage wins; otherwise the last stage's decision; non-response at close. */
export function outcomeByEntitlement(rows: ItemFacts[], campaign: Pick<CampaignRow, "stages" | "nonResponse">): Map<string, Outcome> {
  const last = campaign.stages.at(-1);
  const byEntitlement = new Map<string, ItemFacts[]>();
  for (const r of rows) byEntitlement.set(r.entitlement_id, [...(byEntitlement.get(r.entitlement_id) ?? []), r]);
  const outcomes = new Map<string, Outcome>();
  for (const [entitlementId, items] of byEntitlement) {
    const final = items.find((i) => i.stage === last && i.status === "decided");
    outcomes.set(
      entitlementId,
      items.some((i) => i.decision === "revoke")
        ? "revoked"
        : items.some((i) => i.decision === "non_response")
          ? campaign.nonResponse === "revoke"
            ? "non_response_revoked"
            : "non_response_kept"
          : final?.decision === "modify"
            ? "modified"
            : final?.decision === "certify"
              ? "certified"
              : "pending",
    );
  }
  return outcomes;
}

export function reconcile(outcomes: Map<string, Outcome>, campaign: Pick<CampaignRow, "populationSize">, items: number): EvidenceTotals {
  const count = (...kinds: Outcome[]) => [...outcomes.values()].filter((o) => kinds.includes(o)).length;
  const population = campaign.populationSize ?? 0;
  const certified = count("certified");
  const modified = count("modified");
  const revoked = count("revoked");
  const nonResponseKept = count("non_response_kept");
  const nonResponseRevoked = count("non_response_revoked");
  const pending = count("pending");
  const decided = certified + modified + revoked;
  const nonResponse = nonResponseKept + nonResponseRevoked;
  const reconciles = population === decided + nonResponse + pending && outcomes.size === population;
  const equation =
    `population ${population} = decided ${decided} (certified ${certified} + modified ${modified} + revoked ${revoked})` +
    ` + non-response ${nonResponse} (kept ${nonResponseKept} + revoked ${nonResponseRevoked})` +
    (pending ? ` + still pending ${pending}` : "") +
    (reconciles ? "" : "  ← DOES NOT RECONCILE");
  return { population, decided, certified, modified, revoked, nonResponse, nonResponseRevoked, nonResponseKept, pending, items, reconciles, equation };
}

function toUtc(value: unknown): string {
  if (typeof value !== "string" || !value) return "";
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : new Date(t).toISOString();
}

function toCsv(header: EvidenceHeader, totals: EvidenceTotals, items: EvidenceItem[], generatedAt: string): string {
  const columns = [
    "item_id", "entitlement_id", "stage", "item_status", "decision", "outcome", "rationale", "reviewer", "decided_by", "decided_at_utc",
    "closed_reason", "reassigned_from", "reassign_reason",
    ...FACT_COLUMNS.map(([name]) => name),
    "revocation_id", "revoked_at_utc", "restored_at_utc", "revocation_audit_event_id", "revocation_audit_event_seq", "revocation_audit_event_hash",
    "hook_event_id", "hook_delivery_status", "hook_deliveries_succeeded", "hook_deliveries_failed", "hook_deliveries_pending",
  ];
  const lines = [csvLine(columns)];
  for (const item of items) {
    const r = item.remediation;
    lines.push(
      csvLine([
        item.itemId, item.entitlementId, item.stage, item.status, item.decision, item.outcome, item.rationale, item.reviewer, item.decidedBy, item.decidedAt,
        item.closedReason, item.delegatedFrom, item.delegationReason,
        ...FACT_COLUMNS.map(([name, key]) => (name.endsWith("_utc") ? toUtc(item.snapshot[key]) : item.snapshot[key])),
        r?.revocationId, r?.revokedAt, r?.restoredAt, r?.auditEventId, r?.auditEventSeq, r?.auditEventHash,
        r?.hookEventId, r?.deliveryStatus, r?.deliveries.succeeded, r?.deliveries.failed, r?.deliveries.pending,
      ]),
    );
  }
  // A second table after one blank line: the campaign and its reconciliation, as key,value pairs.
  lines.push("", csvLine(["summary", "value"]));
  const summary: [string, unknown][] = [
    ["campaign_id", header.id], ["campaign_name", header.name], ["status", header.status], ["stages", header.stages],
    ["non_response_policy", header.nonResponse], ["due_at_utc", header.dueAt], ["launched_at_utc", header.launchedAt], ["closed_at_utc", header.closedAt],
    ["scope", JSON.stringify(header.scope)], ["snapshot_hash_sha256", header.snapshotHash], ["snapshot_hash_verified", header.snapshotHashVerified],
    ["generated_at_utc", generatedAt],
    ["population", totals.population], ["decided", totals.decided], ["certified", totals.certified], ["modified", totals.modified],
    ["revoked", totals.revoked], ["non_response", totals.nonResponse], ["non_response_kept", totals.nonResponseKept],
    ["non_response_revoked", totals.nonResponseRevoked], ["pending", totals.pending], ["items", totals.items],
    ["reconciles", totals.reconciles], ["equation", totals.equation],
  ];
  for (const [key, value] of summary) lines.push(csvLine([key, value]));
  return lines.join("\r\n") + "\r\n";
}
