import { asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { type DbOrTx, db } from "@/db";
import { policies, users } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { AppError } from "@/lib/errors";
import { type Page, decodeCursor, encodeCursor } from "@/lib/validation/common";
import type { ListPoliciesQuery } from "@/lib/validation/policies";
import { type SourceAnalysis, analyzePolicySource } from "./cedar";
import { ensureDefaultPoliciesOnce } from "./default-policies";

export type PolicyVersionView = {
  id: string;
  policyId: string;
  name: string;
  version: number;
  description: string;
  source: string;
  status: "draft" | "active" | "archived";
  /** Null when the stored source no longer parses (it would deny every decision it applies to). */
  analysis: SourceAnalysis | null;
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  activatedAt: Date | null;
  archivedAt: Date | null;
};

export type PolicyListItem = {
  id: string;
  name: string;
  description: string;
  latestVersion: number;
  latestStatus: PolicyVersionView["status"];
  activeVersion: Pick<PolicyVersionView, "id" | "version" | "activatedAt" | "analysis"> | null;
  /** Of the active version, else of the latest. */
  kind: SourceAnalysis["kind"] | null;
  updatedAt: Date;
};

export type PolicyDetail = Omit<PolicyListItem, "activeVersion"> & {
  activeVersion: PolicyVersionView | null;
  /** Newest first. */
  versions: PolicyVersionView[];
};

function analyze(source: string): SourceAnalysis | null {
  try {
    return analyzePolicySource(source);
  } catch {
    return null;
  }
}

/** Every version of the given policies, oldest first, with their authors. */
export async function loadVersions(executor: DbOrTx, policyIds: string[]): Promise<PolicyVersionView[]> {
  if (policyIds.length === 0) return [];
  const rows = await executor
    .select({ row: policies, creatorName: users.name })
    .from(policies)
    .leftJoin(users, eq(users.id, policies.createdById))
    .where(inArray(policies.policyId, policyIds))
    .orderBy(asc(policies.version));
  return rows.map(({ row, creatorName }) => ({
    id: row.id,
    policyId: row.policyId,
    name: row.name,
    version: row.version,
    description: row.description,
    source: row.source,
    status: row.status,
    analysis: analyze(row.source),
    createdBy: row.createdById && creatorName !== null ? { id: row.createdById, name: creatorName } : null,
    createdAt: row.createdAt,
    activatedAt: row.activatedAt,
    archivedAt: row.archivedAt,
  }));
}

function summarise(versions: PolicyVersionView[]): PolicyDetail {
  const latest = versions.at(-1)!;
  const active = versions.find((v) => v.status === "active") ?? null;
  return {
    id: latest.policyId,
    name: latest.name,
    description: (active ?? latest).description,
    latestVersion: latest.version,
    latestStatus: latest.status,
    activeVersion: active,
    kind: (active ?? latest).analysis?.kind ?? null,
    updatedAt: versions.reduce((at, v) => (v.createdAt > at ? v.createdAt : at), latest.createdAt),
    versions: [...versions].reverse(),
  };
}

const cursorShape = z.object({ name: z.string(), policyId: z.string() });

/** Policies by name, each with its active version; the default set is created the first time anyone looks. */
export async function listPolicies(actor: Actor, query: ListPoliciesQuery): Promise<Page<PolicyListItem>> {
  requirePermission(actor, "policies.read");
  await ensureDefaultPoliciesOnce();
  const after = decodeCursor(query.cursor, cursorShape);
  const heads = await db
    .selectDistinct({ policyId: policies.policyId, name: policies.name })
    .from(policies)
    .where(after ? sql`(${policies.name}, ${policies.policyId}) > (${after.name}, ${after.policyId}::uuid)` : undefined)
    .orderBy(asc(policies.name), asc(policies.policyId))
    .limit(query.limit + 1);
  const page = heads.slice(0, query.limit);
  const versions = await loadVersions(db, page.map((h) => h.policyId));
  const items = page.map((head) => {
    const { versions: _all, activeVersion, ...rest } = summarise(versions.filter((v) => v.policyId === head.policyId));
    return { ...rest, activeVersion: activeVersion && { id: activeVersion.id, version: activeVersion.version, activatedAt: activeVersion.activatedAt, analysis: activeVersion.analysis } };
  });
  const last = page.at(-1);
  return { items, nextCursor: heads.length > query.limit && last ? encodeCursor({ name: last.name, policyId: last.policyId }) : null };
}

export async function getPolicy(actor: Actor, policyId: string): Promise<PolicyDetail> {
  requirePermission(actor, "policies.read");
  await ensureDefaultPoliciesOnce();
  const versions = await loadVersions(db, [policyId]);
  if (versions.length === 0) throw AppError.notFound("Policy");
  return summarise(versions);
}

/** The policy a version belongs to, or 404. */
export async function policyIdOfVersion(executor: DbOrTx, versionId: string): Promise<string> {
  const [row] = await executor.select({ policyId: policies.policyId }).from(policies).where(eq(policies.id, versionId));
  if (!row) throw AppError.notFound("Policy version");
  return row.policyId;
}
