import type { AccessMap } from "@/lib/domain/workflows/get-access-map";

export type RevokeTargets = { entitlementIds: readonly string[]; credentialIds: readonly string[] };

type EntitlementStatus = AccessMap["entitlements"][number]["status"];
type CredentialStatus = AccessMap["credentials"][number]["status"];

/** The statuses a revoke changed, so a failed revoke puts back exactly those rows. */
export type PriorStatuses = {
  entitlements: { id: string; status: EntitlementStatus }[];
  credentials: { id: string; status: CredentialStatus }[];
};

const OPEN_ENTITLEMENT: ReadonlySet<EntitlementStatus> = new Set(["pending", "active"]);

/** Marks the targeted open rows revoked, as the domain will (revoked twice stays revoked). */
export function applyRevoked(map: AccessMap, targets: RevokeTargets): { next: AccessMap; prior: PriorStatuses } {
  const entIds = new Set(targets.entitlementIds);
  const credIds = new Set(targets.credentialIds);
  const prior: PriorStatuses = { entitlements: [], credentials: [] };
  const revokedAt = new Date();
  const entitlements = map.entitlements.map((e) => {
    if (!entIds.has(e.id) || !OPEN_ENTITLEMENT.has(e.status)) return e;
    prior.entitlements.push({ id: e.id, status: e.status });
    return { ...e, status: "revoked" as const, revokedAt };
  });
  const credentials = map.credentials.map((c) => {
    if (!credIds.has(c.id) || c.status !== "active") return c;
    prior.credentials.push({ id: c.id, status: c.status });
    return { ...c, status: "revoked" as const, revokedAt };
  });
  return { next: { ...map, entitlements, credentials }, prior };
}

/** Puts back the prior statuses of rows that are still revoked (a newer change wins). */
export function revertRevoked(map: AccessMap, prior: PriorStatuses): AccessMap {
  const ents = new Map(prior.entitlements.map((e) => [e.id, e.status]));
  const creds = new Map(prior.credentials.map((c) => [c.id, c.status]));
  return {
    ...map,
    entitlements: map.entitlements.map((e) => {
      const status = ents.get(e.id);
      return status && e.status === "revoked" ? { ...e, status, revokedAt: null } : e;
    }),
    credentials: map.credentials.map((c) => {
      const status = creds.get(c.id);
      return status && c.status === "revoked" ? { ...c, status, revokedAt: null } : c;
    }),
  };
}

/** What revoking one entitlement touches: the grant and the credentials issued only for it. */
export function entitlementTargets(map: AccessMap, entitlementId: string): RevokeTargets {
  return {
    entitlementIds: [entitlementId],
    credentialIds: map.credentials.filter((c) => c.entitlementId === entitlementId).map((c) => c.id),
  };
}

/** What the kill switch touches: every open grant and live credential shown for the workflow. */
export function workflowTargets(map: AccessMap): RevokeTargets {
  return {
    entitlementIds: map.entitlements.filter((e) => OPEN_ENTITLEMENT.has(e.status)).map((e) => e.id),
    credentialIds: map.credentials.filter((c) => c.status === "active").map((c) => c.id),
  };
}
