import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { systemActor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { refreshFindings } from "@/lib/domain/findings/refresh-findings";
import { sweepDueReviewsIn } from "@/lib/domain/reviews/sweep-due-reviews";
import type { Database } from "../index";
import {
  type DATA_ACTIONS,
  credentials,
  dataSets,
  entitlements,
  nhis,
  users,
  workflowDataSets,
  workflowEscalationSteps,
  workflowNhis,
  workflows,
} from "../schema";
import { DEMO_DATA_SETS, DEMO_NHIS, DEMO_USERS, DEMO_WORKFLOWS, type UserKey, type WorkflowSpec } from "./demo-data";
import { addDays, fingerprintOf, reviewCadenceDays } from "./factories";
import { seedId } from "./ids";

/** Two processes starting on an empty database (app and CLI) must not both seed. */
const SEED_LOCK = 7_202_613;
const RETIRED_DAYS_AGO = 45;

type DataAction = (typeof DATA_ACTIONS)[number];
const ACTIONS: Record<string, DataAction> = { r: "read", w: "write", d: "delete", a: "admin" };
const CREDENTIAL_LABELS: Record<string, string> = {
  api_key: "API key",
  client_secret: "client secret",
  certificate: "certificate",
  ssh_key: "SSH key",
  token: "token",
  jit_token: "JIT token",
};

function parseActions(letters: string, where: string): DataAction[] {
  return [...letters].map((letter) => {
    const action = ACTIONS[letter];
    if (!action) throw new Error(`demo data: unknown action "${letter}" in ${where}`);
    return action;
  });
}

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data: unknown ${what} "${key}"`);
  return value;
}

/**
 * Builds every demo row in memory. Ids and relationships are fixed; times are
 * relative to `now` so ages, expiries and due dates look the same whenever the
 * demo is seeded.
 */
export function buildDemoRows(now: Date) {
  const ago = (days: number) => addDays(now, -days);
  const userId = (key: UserKey) => seedId(`user:${key}`);
  const userByKey = new Map(DEMO_USERS.map((u) => [u.key, u]));
  const dataSetByKey = new Map(DEMO_DATA_SETS.map((d) => [d.key, d]));
  const workflowByKey = new Map(DEMO_WORKFLOWS.map((w) => [w.key, w]));

  const userRows: (typeof users.$inferInsert)[] = DEMO_USERS.map((u, i) => ({
    id: userId(u.key),
    email: `${u.key}@example.com`,
    name: u.name,
    roles: u.roles,
    active: u.deactivatedDaysAgo === undefined,
    deactivatedAt: u.deactivatedDaysAgo === undefined ? null : ago(u.deactivatedDaysAgo),
    createdAt: ago(900 - i * 25),
    updatedAt: u.deactivatedDaysAgo === undefined ? ago(900 - i * 25) : ago(u.deactivatedDaysAgo),
  }));

  const dataSetRows: (typeof dataSets.$inferInsert)[] = DEMO_DATA_SETS.map((d, i) => ({
    id: seedId(`data-set:${d.key}`),
    name: d.name,
    system: d.system,
    description: d.description,
    sensitivity: d.sensitivity,
    environment: d.environment,
    ownerId: userId(d.owner),
    createdAt: ago(800 - i * 10),
    updatedAt: ago(800 - i * 10),
  }));

  const workflowRows: (typeof workflows.$inferInsert)[] = [];
  const approvalRows: (typeof workflowDataSets.$inferInsert)[] = [];
  const escalationRows: (typeof workflowEscalationSteps.$inferInsert)[] = [];
  for (const w of DEMO_WORKFLOWS) {
    const id = seedId(`workflow:${w.key}`);
    workflowRows.push({
      id,
      name: w.name,
      purpose: w.purpose,
      businessOwnerId: userId(w.business),
      identityOwnerId: userId(w.identity),
      autonomy: w.autonomy,
      vendor: w.vendor ?? null,
      status: w.status,
      exceptionConditions: w.exceptions,
      maxJitTtlSeconds: w.maxJitTtlSeconds ?? null,
      createdById: userId(w.business),
      activatedAt: w.status === "draft" ? null : ago(w.ageDays - 7),
      retiredAt: w.status === "retired" ? ago(RETIRED_DAYS_AGO) : null,
      createdAt: ago(w.ageDays),
      updatedAt: w.status === "retired" ? ago(RETIRED_DAYS_AGO) : ago(Math.min(w.ageDays, 30)),
    });
    for (const [dsKey, [letters, justification]] of Object.entries(w.approved)) {
      lookup(dataSetByKey, dsKey, "data set");
      approvalRows.push({
        workflowId: id,
        dataSetId: seedId(`data-set:${dsKey}`),
        actions: parseActions(letters, `${w.key}/${dsKey}`),
        justification,
        createdAt: ago(w.ageDays),
      });
    }
    w.escalation.forEach((key, position) => escalationRows.push({ workflowId: id, position, userId: userId(key) }));
  }

  const nhiRows: (typeof nhis.$inferInsert)[] = [];
  const bindingRows: (typeof workflowNhis.$inferInsert)[] = [];
  const entitlementRows: (typeof entitlements.$inferInsert)[] = [];
  const credentialRows: (typeof credentials.$inferInsert)[] = [];
  const entitlementKeys = new Set<string>();
  const openGrants = new Set<string>();
  let e = 0;

  DEMO_NHIS.forEach((n, i) => {
    const nhiId = seedId(`nhi:${n.name}`);
    const oldestCredential = Math.max(0, ...n.creds.map((c) => c[1]));
    const nhiAge = Math.max(60 + ((i * 53) % 600), Math.ceil(oldestCredential) + 3, (n.usedDaysAgo ?? 0) + 10);
    const status = n.status ?? "active";
    nhiRows.push({
      id: nhiId,
      name: n.name,
      kind: n.kind,
      provider: n.provider,
      externalId: n.externalId,
      environment: n.env,
      classification: n.cls,
      ownerId: n.owner ? userId(n.owner) : null,
      status,
      description: n.description,
      lastUsedAt: n.usedDaysAgo === null ? null : ago(n.usedDaysAgo),
      humanUseSeenAt: n.humanUseDaysAgo === undefined ? null : ago(n.humanUseDaysAgo),
      attributes: n.attributes ?? {},
      createdAt: ago(nhiAge),
      updatedAt: ago(Math.min(nhiAge, 20)),
    });

    let firstEntitlementId: string | null = null;
    let allWorkflowsRetired = Object.keys(n.grants).length > 0;
    for (const [wfKey, tokens] of Object.entries(n.grants)) {
      const w: WorkflowSpec = lookup(workflowByKey, wfKey, "workflow");
      const workflowId = seedId(`workflow:${wfKey}`);
      const retired = w.status === "retired";
      if (!retired) allWorkflowsRetired = false;
      const baseAge = Math.min(w.ageDays, nhiAge);
      bindingRows.push({ workflowId, nhiId, boundById: userId(w.identity), createdAt: ago(baseAge - 1) });

      for (const token of tokens.split(/\s+/)) {
        const match = /^([a-z-]+):([a-z]+)((?:!\w+)*)$/.exec(token);
        if (!match) throw new Error(`demo data: bad grant "${token}" on ${n.name}`);
        const [, dsKey = "", letters = "", flagText = ""] = match;
        const flags = new Set(flagText.split("!").filter(Boolean));
        const d = lookup(dataSetByKey, dsKey, "data set");
        const actions = parseActions(letters, `${n.name}/${token}`);
        const [approvedLetters, justification] = w.approved[dsKey] ?? ["", ""];
        // Invariant 1 holds for the demo too: a grant outside the workflow's approval is a data bug.
        if (!actions.every((a) => parseActions(approvedLetters, wfKey).includes(a))) {
          throw new Error(`demo data: ${n.name} ${token} exceeds the approval of ${wfKey}`);
        }
        const status = retired
          ? "revoked"
          : flags.has("pending")
            ? "pending"
            : flags.has("denied")
              ? "denied"
              : flags.has("revoked")
                ? "revoked"
                : "active";
        const grantKey = `${workflowId}/${nhiId}/${dsKey}`;
        if (status === "pending" || status === "active") {
          if (openGrants.has(grantKey)) throw new Error(`demo data: duplicate open grant ${n.name} ${token}`);
          openGrants.add(grantKey);
        }
        let key = `entitlement:${n.name}/${wfKey}/${dsKey}`;
        if (entitlementKeys.has(key)) key = `${key}#${status}`;
        entitlementKeys.add(key);
        const id = seedId(key);
        firstEntitlementId ??= id;

        const cadenceDays = reviewCadenceDays({ classification: n.cls, sensitivity: d.sensitivity, autonomy: w.autonomy });
        const overdue = flags.has("overdue");
        const age =
          status === "pending"
            ? 2 + (e % 6)
            : status === "denied"
              ? 10 + (e % 30)
              : Math.max(5, baseAge - (e % 20) - 3, overdue ? cadenceDays + 40 : 0, retired ? RETIRED_DAYS_AGO + 30 : 0);
        const created = ago(age);
        const businessOwnerActive = userByKey.get(w.business)?.deactivatedDaysAgo === undefined;
        // A pending request carries the one approval given so far: the business side, unless its owner has left.
        const businessApproved = status !== "pending" || businessOwnerActive;
        const identityApproved = status === "active" || status === "revoked" || (status === "pending" && !businessApproved);
        const requester = ([n.owner, "dave", "erin", "grace"] as const).find((u) => u && u !== w.business && u !== w.identity);
        const jit = flags.has("jit");
        const jitCap = n.cls === "privileged" || w.autonomy === "autonomous" ? 900 : 3600;
        const revokedAt = retired ? ago(RETIRED_DAYS_AGO) : ago(Math.min(age - 3, 3 + (e % 40)));

        let lastReviewedAt: Date | null = null;
        let nextReviewAt: Date | null = null;
        if (status === "active") {
          if (age - 2 > cadenceDays || overdue) {
            lastReviewedAt = ago(overdue ? cadenceDays + 5 + (e % 25) : ((e * 7) % (cadenceDays - 2)) + 1);
          }
          nextReviewAt = addDays(lastReviewedAt ?? addDays(created, 2), cadenceDays);
        }
        const deniedEnvMismatch = d.environment !== n.env;

        entitlementRows.push({
          id,
          workflowId,
          nhiId,
          dataSetId: seedId(`data-set:${dsKey}`),
          actions,
          status,
          jit,
          maxTtlSeconds: jit ? Math.min(jitCap, w.maxJitTtlSeconds ?? jitCap) : null,
          justification,
          requestedById: requester ? userId(requester) : null,
          businessApprovedById: businessApproved ? userId(w.business) : null,
          businessApprovedAt: businessApproved ? addDays(created, 1) : null,
          identityApprovedById: identityApproved ? userId(w.identity) : null,
          identityApprovedAt: identityApproved ? addDays(created, 2) : null,
          deniedById: status === "denied" ? userId(w.identity) : null,
          deniedAt: status === "denied" ? addDays(created, 2) : null,
          denialComment:
            status !== "denied"
              ? null
              : deniedEnvMismatch
                ? `A ${n.env} identity may not reach ${d.environment} data; request it for the ${d.environment} identity instead.`
                : "Not needed for the task: the workflow already reaches this data through its primary identity.",
          cadenceDays,
          lastReviewedAt,
          nextReviewAt,
          revokedById: status === "revoked" ? userId(w.identity) : null,
          revokedAt: status === "revoked" ? revokedAt : null,
          revokeReason:
            status !== "revoked"
              ? null
              : retired
                ? `Workflow "${w.name}" retired: offboarding revoked all of its access.`
                : "Access review: the grant was broader than the task needs.",
          createdAt: created,
          updatedAt: status === "revoked" ? revokedAt : created,
        });
        e += 1;
      }
    }

    n.creds.forEach(([kind, issuedDaysAgo, expiresInDays, rotationPeriodDays, flags = ""], c) => {
      const revoked = status === "decommissioned" || allWorkflowsRetired;
      const rotated = flags.includes("r");
      const next = n.creds[c + 1];
      const expiresAt = expiresInDays === null ? null : addDays(now, expiresInDays);
      const credStatus = revoked ? "revoked" : rotated ? "rotated" : expiresInDays !== null && expiresInDays < 0 ? "expired" : "active";
      const seed = `credential:${n.name}/${c}`;
      credentialRows.push({
        id: seedId(seed),
        nhiId,
        entitlementId: flags.includes("e") ? firstEntitlementId : null,
        kind,
        name: `${n.name} ${CREDENTIAL_LABELS[kind] ?? kind}`,
        // Digest of the seed name: looks like a real fingerprint, is stable, and is derived from no secret.
        fingerprint: fingerprintOf(crypto.createHash("sha256").update(`fingerprint:${seed}`).digest()),
        location:
          n.provider === "aws"
            ? `aws-secretsmanager://${n.env}/countersign/${n.name}`
            : `vault://kv/${n.env}/${n.name}/${kind.replace("_", "-")}`,
        issuedAt: ago(issuedDaysAgo),
        expiresAt,
        lastRotatedAt: c > 0 && n.creds[c - 1]?.[4]?.includes("r") ? ago(issuedDaysAgo) : null,
        rotationPeriodDays,
        lastUsedAt: credStatus === "active" && n.usedDaysAgo !== null ? ago(n.usedDaysAgo) : null,
        status: credStatus,
        replacedById: rotated && next ? seedId(`credential:${n.name}/${c + 1}`) : null,
        revokedById: revoked ? userId(n.owner ?? "dave") : null,
        revokedAt: revoked ? ago(RETIRED_DAYS_AGO) : null,
        revokeReason: revoked ? "Identity decommissioned with its retired workflow." : null,
        createdAt: ago(issuedDaysAgo),
        updatedAt: ago(Math.min(issuedDaysAgo, revoked ? RETIRED_DAYS_AGO : issuedDaysAgo)),
      });
    });
  });

  return {
    users: userRows,
    data_sets: dataSetRows,
    workflows: workflowRows,
    workflow_data_sets: approvalRows,
    workflow_escalation_steps: escalationRows,
    nhis: nhiRows,
    workflow_nhis: bindingRows,
    entitlements: entitlementRows,
    credentials: credentialRows,
  };
}

/**
 * Seeds the demo organisation into an empty database, in one transaction with
 * one audit event. A database that already has users is left untouched.
 */
export async function seedDemo(db: Database): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing) return { seeded: false, counts: {} };

    const rows = buildDemoRows(new Date());
    await tx.insert(users).values(rows.users);
    await tx.insert(dataSets).values(rows.data_sets);
    await tx.insert(workflows).values(rows.workflows);
    await tx.insert(workflowDataSets).values(rows.workflow_data_sets);
    await tx.insert(workflowEscalationSteps).values(rows.workflow_escalation_steps);
    await tx.insert(nhis).values(rows.nhis);
    await tx.insert(workflowNhis).values(rows.workflow_nhis);
    await tx.insert(entitlements).values(rows.entitlements);
    await tx.insert(credentials).values(rows.credentials);

    const counts = Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));
    // The planted risks show as findings from the first page view, not after the first scheduled refresh.
    await refreshFindings({ tx, actor: systemActor("seed") });
    // Likewise the cadence queue: reviews due within the lead time are waiting at first sign-in.
    await sweepDueReviewsIn(tx, new Date());
    await recordAuditEvent(tx, systemActor("seed"), {
      action: "seed.applied",
      targetType: "organisation",
      after: counts,
    });
    return { seeded: true, counts };
  });
}
