import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../index";
import {
  type AUTONOMY_LEVELS,
  type CLASSIFICATIONS,
  type DATA_ACTIONS,
  type SENSITIVITIES,
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

/**
 * Seed factories shared by the demo seed, integration tests and e2e tests.
 * Every factory works with no arguments: it creates the parents it needs and
 * picks unique names, so tests stay independent of each other and of the demo.
 */

type DataAction = (typeof DATA_ACTIONS)[number];
export type ApprovedDataSet = { dataSetId: string; actions: DataAction[]; justification: string };

const DAY_MS = 86_400_000;
export const addDays = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);

let counter = 0;
/** Random prefix keeps names unique across parallel workers and reruns against one database. */
const runPrefix = crypto.randomBytes(3).toString("hex");
function unique(): string {
  counter += 1;
  return `${runPrefix}${counter}`;
}

/** Explicit `undefined` in overrides must not erase a default; explicit `null` must. */
function defined<T extends object>(overrides: T): Partial<T> {
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function must<T>(row: T | undefined, what: string): T {
  if (!row) throw new Error(`seed factory: ${what} not found`);
  return row;
}

/** SSH-style fingerprint of bytes that are not, and never were, a secret. */
export function fingerprintOf(bytes: Buffer): string {
  return `SHA256:${bytes.toString("base64").replace(/=+$/, "")}`;
}

/** DESIGN.md "Reviews": the default review cadence follows the riskiest fact about the grant. */
export function reviewCadenceDays(risk: {
  classification: (typeof CLASSIFICATIONS)[number];
  sensitivity: (typeof SENSITIVITIES)[number];
  autonomy: (typeof AUTONOMY_LEVELS)[number];
}): number {
  if (risk.classification === "privileged" || risk.sensitivity === "restricted" || risk.autonomy === "autonomous") {
    return 30;
  }
  return risk.sensitivity === "confidential" ? 90 : 180;
}

export async function createUser(db: DbOrTx, overrides: Partial<typeof users.$inferInsert> = {}) {
  const n = unique();
  const [row] = await db
    .insert(users)
    .values({ email: `user-${n}@example.test`, name: `Test User ${n}`, roles: [], ...defined(overrides) })
    .returning();
  return must(row, "inserted user");
}

export async function createDataSet(db: DbOrTx, overrides: Partial<typeof dataSets.$inferInsert> = {}) {
  const n = unique();
  const [row] = await db
    .insert(dataSets)
    .values({
      name: `Data set ${n}`,
      system: "PostgreSQL",
      sensitivity: "internal",
      environment: "prod",
      ...defined(overrides),
    })
    .returning();
  return must(row, "inserted data set");
}

export type WorkflowOverrides = Partial<typeof workflows.$inferInsert> & {
  dataSets?: ApprovedDataSet[];
  escalationPath?: string[];
};

export async function createWorkflow(db: DbOrTx, overrides: WorkflowOverrides = {}) {
  const { dataSets: approved = [], escalationPath = [], ...fields } = overrides;
  const n = unique();
  const businessOwnerId =
    fields.businessOwnerId === undefined
      ? (await createUser(db, { roles: ["business_owner"] })).id
      : fields.businessOwnerId;
  const identityOwnerId =
    fields.identityOwnerId === undefined
      ? (await createUser(db, { roles: ["identity_owner"] })).id
      : fields.identityOwnerId;
  const status = fields.status ?? "active";
  const [row] = await db
    .insert(workflows)
    .values({
      name: `Workflow ${n}`,
      purpose: `Test workflow ${n}: summarises records for a reviewer.`,
      autonomy: "assistive",
      activatedAt: status === "draft" ? null : new Date(),
      ...defined(fields),
      status,
      businessOwnerId,
      identityOwnerId,
    })
    .returning();
  const workflow = must(row, "inserted workflow");
  if (approved.length > 0) {
    await db.insert(workflowDataSets).values(approved.map((a) => ({ ...a, workflowId: workflow.id })));
  }
  if (escalationPath.length > 0) {
    await db
      .insert(workflowEscalationSteps)
      .values(escalationPath.map((userId, position) => ({ workflowId: workflow.id, position, userId })));
  }
  return workflow;
}

export async function createNhi(db: DbOrTx, overrides: Partial<typeof nhis.$inferInsert> = {}) {
  const n = unique();
  const ownerId =
    overrides.ownerId === undefined ? (await createUser(db, { roles: ["identity_owner"] })).id : overrides.ownerId;
  const [row] = await db
    .insert(nhis)
    .values({
      name: `nhi-${n}`,
      kind: "service_account",
      provider: "custom",
      externalId: `custom:nhi-${n}`,
      environment: "prod",
      classification: "utility",
      ...defined(overrides),
      ownerId,
    })
    .returning();
  return must(row, "inserted NHI");
}

/** Idempotent: binding an NHI that already serves the workflow returns the existing binding. */
export async function bindNhi(db: DbOrTx, workflowId: string, nhiId: string, boundById: string | null = null) {
  const [row] = await db
    .insert(workflowNhis)
    .values({ workflowId, nhiId, boundById })
    .onConflictDoNothing()
    .returning();
  if (row) return row;
  const [existing] = await db
    .select()
    .from(workflowNhis)
    .where(and(eq(workflowNhis.workflowId, workflowId), eq(workflowNhis.nhiId, nhiId)));
  return must(existing, "workflow binding");
}

/**
 * Defaults to an active, dual-approved grant inside the workflow's approval:
 * a data set the factory creates is also approved on the workflow, and the
 * requester is a third person, so the row satisfies invariants 1 and 2.
 */
export async function createEntitlement(db: DbOrTx, overrides: Partial<typeof entitlements.$inferInsert> = {}) {
  const actions = overrides.actions ?? ["read"];
  const justification = overrides.justification ?? "Needed to perform the workflow's task.";
  const dataSet = overrides.dataSetId
    ? must((await db.select().from(dataSets).where(eq(dataSets.id, overrides.dataSetId)))[0], "data set")
    : await createDataSet(db);
  const workflow = overrides.workflowId
    ? must((await db.select().from(workflows).where(eq(workflows.id, overrides.workflowId)))[0], "workflow")
    : await createWorkflow(db, { dataSets: [{ dataSetId: dataSet.id, actions, justification }] });
  if (overrides.workflowId && !overrides.dataSetId) {
    await db.insert(workflowDataSets).values({ workflowId: workflow.id, dataSetId: dataSet.id, actions, justification });
  }
  const nhi = overrides.nhiId
    ? must((await db.select().from(nhis).where(eq(nhis.id, overrides.nhiId)))[0], "NHI")
    : await createNhi(db, { environment: dataSet.environment });
  await bindNhi(db, workflow.id, nhi.id);

  const requestedById =
    overrides.requestedById === undefined
      ? (await createUser(db, { roles: ["identity_owner"] })).id
      : overrides.requestedById;
  const status = overrides.status ?? "active";
  const approved = status !== "pending" && status !== "denied";
  const now = new Date();
  const cadenceDays =
    workflow.reviewCadenceDays ??
    reviewCadenceDays({
      classification: nhi.classification,
      sensitivity: dataSet.sensitivity,
      autonomy: workflow.autonomy,
    });
  const [row] = await db
    .insert(entitlements)
    .values({
      businessApprovedById: approved ? workflow.businessOwnerId : null,
      businessApprovedAt: approved ? now : null,
      identityApprovedById: approved ? workflow.identityOwnerId : null,
      identityApprovedAt: approved ? now : null,
      cadenceDays,
      nextReviewAt: status === "active" ? addDays(now, cadenceDays) : null,
      ...defined(overrides),
      workflowId: workflow.id,
      nhiId: nhi.id,
      dataSetId: dataSet.id,
      actions,
      justification,
      status,
      requestedById,
    })
    .returning();
  return must(row, "inserted entitlement");
}

export async function createCredential(db: DbOrTx, overrides: Partial<typeof credentials.$inferInsert> = {}) {
  const n = unique();
  const nhiId = overrides.nhiId ?? (await createNhi(db)).id;
  const [row] = await db
    .insert(credentials)
    .values({
      kind: "api_key",
      name: `credential-${n}`,
      fingerprint: fingerprintOf(crypto.randomBytes(32)),
      location: `vault://kv/test/credential-${n}`,
      ...defined(overrides),
      nhiId,
    })
    .returning();
  return must(row, "inserted credential");
}
