import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { db } from "@/db";
import { credentials, dataSets, entitlements, hooks, nhis, revocations, users, workflowNhis } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { getWorkflow } from "./get-workflow";

type Risk = "low" | "medium" | "high";

/** Risk of one grant, for colouring the access map and ordering reviews. */
export function entitlementRisk(e: { actions: string[]; sensitivity: string; classification: string; exceedsApproval: boolean }): Risk {
  const writes = e.actions.some((a) => a !== "read");
  if (e.exceedsApproval || e.sensitivity === "restricted" || (e.classification === "privileged" && writes)) return "high";
  if (e.sensitivity === "confidential" || writes) return "medium";
  return "low";
}

/**
 * The shared view's answer to the four questions (DESIGN.md): which task
 * justifies the access, which NHIs are the workload identities, which
 * credentials exist for it, and who can revoke through which hooks.
 */
export async function getAccessMap(actor: Actor, workflowId: string) {
  requirePermission(actor, "entitlements.read");
  const workflow = await getWorkflow(actor, workflowId);

  const grants = await db
    .select({
      id: entitlements.id,
      nhiId: entitlements.nhiId,
      dataSetId: entitlements.dataSetId,
      actions: entitlements.actions,
      status: entitlements.status,
      jit: entitlements.jit,
      maxTtlSeconds: entitlements.maxTtlSeconds,
      expiresAt: entitlements.expiresAt,
      nextReviewAt: entitlements.nextReviewAt,
      revokedAt: entitlements.revokedAt,
      exceedsApprovalSince: entitlements.exceedsApprovalSince,
      dataSetName: dataSets.name,
      sensitivity: dataSets.sensitivity,
      environment: dataSets.environment,
      classification: nhis.classification,
    })
    .from(entitlements)
    .innerJoin(dataSets, eq(dataSets.id, entitlements.dataSetId))
    .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
    .where(and(eq(entitlements.workflowId, workflowId), ne(entitlements.status, "denied")))
    .orderBy(dataSets.name);

  const identities = await db
    .select({
      id: nhis.id,
      name: nhis.name,
      kind: nhis.kind,
      provider: nhis.provider,
      externalId: nhis.externalId,
      classification: nhis.classification,
      status: nhis.status,
      lastUsedAt: nhis.lastUsedAt,
      workflowsServed: sql<number>`(select count(*)::int from ${workflowNhis} o where o.nhi_id = ${nhis.id})`,
    })
    .from(workflowNhis)
    .innerJoin(nhis, eq(nhis.id, workflowNhis.nhiId))
    .where(eq(workflowNhis.workflowId, workflowId))
    .orderBy(nhis.name);

  const nhiIds = identities.map((i) => i.id);
  const grantIds = grants.map((g) => g.id);
  const [creds, activeHooks, identityOwners, recent] = await Promise.all([
    nhiIds.length
      ? db
          .select()
          .from(credentials)
          .where(and(inArray(credentials.nhiId, nhiIds), inArray(credentials.status, ["active", "revoked"])))
          .orderBy(desc(credentials.issuedAt))
      : [],
    db.select({ id: hooks.id, name: hooks.name, format: hooks.format, events: hooks.events, url: hooks.url }).from(hooks).where(eq(hooks.active, true)),
    db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.active, true), sql`'identity_owner' = any(${users.roles})`)),
    recentRevocations(workflowId, grantIds, nhiIds),
  ]);

  const taskCredentials = creds
    .filter((c) => (c.entitlementId && grantIds.includes(c.entitlementId)) || identities.find((i) => i.id === c.nhiId)?.workflowsServed === 1)
    .map((c) => ({ ...c, issuedForTask: Boolean(c.entitlementId && grantIds.includes(c.entitlementId)) }));

  const liveGrants = grants.map((g) => ({
    ...g,
    exceedsApproval: g.exceedsApprovalSince !== null,
    risk: entitlementRisk({ ...g, exceedsApproval: g.exceedsApprovalSince !== null }),
  }));
  const active = liveGrants.filter((g) => g.status === "active");
  const activeCreds = taskCredentials.filter((c) => c.status === "active");
  const revokeHooks = activeHooks.filter((h) => h.events.some((e) => e.endsWith("revoked") || e === "workflow.retired"));

  return {
    workflow: { id: workflow.id, name: workflow.name, status: workflow.status, autonomy: workflow.autonomy, vendor: workflow.vendor },
    task: { purpose: workflow.purpose, businessOwner: workflow.businessOwner, approvedDataSets: workflow.dataSets },
    identities,
    dataSets: [...new Map(grants.map((g) => [g.dataSetId, { id: g.dataSetId, name: g.dataSetName, sensitivity: g.sensitivity, environment: g.environment }])).values()],
    entitlements: liveGrants,
    credentials: taskCredentials,
    revocation: {
      businessOwner: workflow.businessOwner,
      identityOwner: workflow.identityOwner,
      identityOwners,
      hooks: revokeHooks.map((h) => ({ id: h.id, name: h.name, format: h.format, events: h.events, host: new URL(h.url).host })),
    },
    recentRevocations: recent,
    answers: {
      task: `${workflow.name} exists to: ${workflow.purpose} Accountable business owner: ${workflow.businessOwner?.name ?? "nobody (ownerless)"}.`,
      identity: identities.length
        ? `It runs as ${identities.map((i) => `${i.name} (${i.provider} ${i.kind.replace("_", " ")}${i.workflowsServed > 1 ? `, shared with ${i.workflowsServed - 1} other workflow(s)` : ""})`).join(", ")}.`
        : "No workload identity is bound to it yet.",
      credentials: activeCreds.length
        ? `${activeCreds.length} credential(s) exist for it: ${activeCreds.map((c) => `${c.name || c.kind} ${c.expiresAt ? `expiring ${c.expiresAt.toISOString().slice(0, 10)}` : "that never expires"}`).join("; ")}.`
        : "No live credential exists only for this task.",
      revocation: `${[workflow.businessOwner?.name, workflow.identityOwner?.name].filter(Boolean).join(" and ") || "Identity owners"} (and any identity owner) can revoke at once; ${revokeHooks.length ? `the revoke reaches ${revokeHooks.map((h) => h.name).join(", ")}` : "no hook carries it downstream yet"}.`,
    },
    totals: { activeEntitlements: active.length, highRisk: active.filter((g) => g.risk === "high").length, activeCredentials: activeCreds.length },
  };
}
export type AccessMap = Awaited<ReturnType<typeof getAccessMap>>;

/** The latest revocations touching this workflow, with whether every hook confirmed them. */
async function recentRevocations(workflowId: string, grantIds: string[], nhiIds: string[]) {
  const rows = await db.execute<{
    id: string;
    target_type: string;
    target_id: string;
    target_label: string | null;
    reason: string;
    created_at: Date;
    undo_until: Date;
    restored_at: Date | null;
    total: number;
    succeeded: number;
    failed: number;
  }>(sql`
    select r.id, r.target_type, r.target_id, r.reason, r.created_at, r.undo_until, r.restored_at,
      coalesce(n.name || ' → ' || ds.name, c.name, ni.name) as target_label,
      count(d.id)::int as total,
      count(d.id) filter (where d.status = 'succeeded')::int as succeeded,
      count(d.id) filter (where d.status = 'failed')::int as failed
    from ${revocations} r
    left join entitlements en on r.target_type = 'entitlement' and en.id = r.target_id
    left join nhis n on n.id = en.nhi_id
    left join data_sets ds on ds.id = en.data_set_id
    left join credentials c on r.target_type = 'credential' and c.id = r.target_id
    left join nhis ni on r.target_type = 'identity' and ni.id = r.target_id
    left join hook_events e on e.revocation_id = r.id
    left join hook_deliveries d on d.event_id = e.id
    where r.workflow_id = ${workflowId}
      ${grantIds.length ? sql`or (r.target_type = 'entitlement' and r.target_id in ${grantIds})` : sql``}
      ${nhiIds.length ? sql`or (r.target_type = 'identity' and r.target_id in ${nhiIds})` : sql``}
    group by r.id, n.name, ds.name, c.name, ni.name
    order by r.created_at desc
    limit 10`);
  return rows.map((r) => ({
    id: r.id,
    targetType: r.target_type,
    targetId: r.target_id,
    targetLabel: r.target_label,
    reason: r.reason,
    createdAt: new Date(r.created_at),
    undoUntil: new Date(r.undo_until),
    restoredAt: r.restored_at ? new Date(r.restored_at) : null,
    deliveries: { total: r.total, succeeded: r.succeeded, failed: r.failed },
    confirmedDownstream: r.total > 0 && r.succeeded === r.total,
  }));
}
