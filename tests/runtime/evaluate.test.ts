import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import net from "node:net";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { createDataSet, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { credentials, decisions, nhis, workflows } from "@/db/schema";
import { systemActor, userActor } from "@/lib/domain/actor";
import { revokeCredential } from "@/lib/domain/credentials/manage-credentials";
import { mintJitToken } from "@/lib/domain/jit/mint-jit-token";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { evaluateAccess } from "@/lib/domain/runtime/evaluate";
import { AppError } from "@/lib/errors";
import type { EvaluationRequest } from "@/lib/validation/authzen";
import { ask, code, grant, pep } from "./fixtures";

const system = systemActor("test");

afterAll(() => flushDecisions());

describe("[RUNTIME] evaluateAccess allows", () => {
  it("an active NHI with an active entitlement that grants the action: subject by uuid, resource by id", async () => {
    const g = await grant();
    const d = await g.ask();
    expect(d).toMatchObject({ decision: true, reason: null });
    expect(d.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("names the subject as provider:externalId, as a bare external id (SPIFFE), and the resource by name in any case", async () => {
    const aws = await createNhi(db, { provider: "aws", externalId: "arn:aws:iam::123456789012:role/summariser" });
    const spiffe = await createNhi(db, { provider: "kubernetes", externalId: `spiffe://example.org/ns/agents/sa/${crypto.randomUUID()}` });
    const ds = await createDataSet(db, { name: `Claims Ledger ${crypto.randomUUID().slice(0, 8)}` });
    const a = await grant({ nhiId: aws.id, dataSetId: ds.id });
    const b = await grant({ nhiId: spiffe.id, dataSetId: ds.id });
    expect(a.e.nhiId).toBe(aws.id);
    expect(code(await ask({ subject: `aws:${aws.externalId}`, resource: ds.name.toUpperCase() }))).toBe("allow");
    expect(code(await ask({ subject: spiffe.externalId, resource: ds.name.toLowerCase() }))).toBe("allow");
    expect(code(await b.ask({ subject: `kubernetes:${spiffe.externalId}` }))).toBe("allow");
  });

  it("an external id that starts like provider:… still matches as a bare external id", async () => {
    const nhi = await createNhi(db, { provider: "custom", externalId: `github:${crypto.randomUUID()}` });
    const g = await grant({ nhiId: nhi.id });
    expect(code(await g.ask({ subject: nhi.externalId }))).toBe("allow");
    expect(code(await g.ask({ subject: `custom:${nhi.externalId}` }))).toBe("allow");
  });

  it("only the named workflow's entitlements count when context.workflow is given", async () => {
    const g = await grant();
    expect(code(await g.ask({ workflow: g.e.workflowId }))).toBe("allow");
    const other = await createWorkflow(db);
    const d = await g.ask({ workflow: other.id });
    expect(d.reason).toMatchObject({ code: "no_entitlement" });
    expect(d.reason!.message).toContain(other.id);
  });
});

describe("[RUNTIME] evaluateAccess denies, naming the reason", () => {
  it("unknown_subject: no such NHI, a subject type other than nhi, or a bare external id shared by two providers", async () => {
    const g = await grant();
    expect(code(await g.ask({ subject: crypto.randomUUID() }))).toBe("unknown_subject");
    expect(code(await g.ask({ subject: "aws:no-such-role" }))).toBe("unknown_subject");
    expect(code(await g.ask({ subjectType: "user" }))).toBe("unknown_subject");
    const shared = `shared-${crypto.randomUUID()}`;
    await createNhi(db, { provider: "aws", externalId: shared });
    await createNhi(db, { provider: "gcp", externalId: shared });
    const d = await ask({ subject: shared, resource: g.e.dataSetId });
    expect(d.reason).toMatchObject({ code: "unknown_subject" });
    expect(d.reason!.message).toMatch(/provider:externalId/);
    expect(code(await ask({ subject: `gcp:${shared}`, resource: g.e.dataSetId }))).toBe("no_entitlement");
  });

  it("unknown_resource: no such data set, or a resource type other than data_set", async () => {
    const g = await grant();
    expect(code(await g.ask({ resource: crypto.randomUUID() }))).toBe("unknown_resource");
    expect(code(await g.ask({ resource: "no such data set" }))).toBe("unknown_resource");
    expect(code(await g.ask({ resourceType: "bucket" }))).toBe("unknown_resource");
  });

  it("unknown_action: anything but read, write, delete, admin", async () => {
    const g = await grant({ actions: ["read", "write", "delete", "admin"] });
    expect(code(await g.ask({ action: "execute" }))).toBe("unknown_action");
    expect(code(await g.ask({ action: "READ" }))).toBe("unknown_action");
  });

  it("identity_inactive: a suspended or decommissioned NHI, even with an active grant", async () => {
    for (const status of ["suspended", "decommissioned"] as const) {
      const g = await grant();
      await db.update(nhis).set({ status }).where(eq(nhis.id, g.e.nhiId));
      const d = await g.ask();
      expect(d.reason).toMatchObject({ code: "identity_inactive" });
      expect(d.reason!.message).toContain(status);
    }
  });

  it("no_entitlement: nothing on this data set, or only pending, denied or revoked requests", async () => {
    const g = await grant();
    const elsewhere = await createDataSet(db);
    expect(code(await g.ask({ resource: elsewhere.id }))).toBe("no_entitlement");
    for (const status of ["pending", "denied", "revoked", "expired"] as const) {
      const other = await grant({ status });
      expect(code(await other.ask())).toBe("no_entitlement");
    }
  });

  it("action_not_granted: the grant covers read, the request is write", async () => {
    const g = await grant({ actions: ["read"] });
    expect(code(await g.ask({ action: "write" }))).toBe("action_not_granted");
    expect(code(await g.ask({ action: "read" }))).toBe("allow");
  });

  it("entitlement_expired: past expires_at, even though the row is still active", async () => {
    const g = await grant({ expiresAt: new Date(Date.now() - 1_000) });
    expect(code(await g.ask())).toBe("entitlement_expired");
    const later = await grant({ expiresAt: new Date(Date.now() + 60_000) });
    expect(code(await later.ask())).toBe("allow");
  });

  it("workflow_inactive: the entitlement's workflow is suspended, draft or retired", async () => {
    for (const status of ["suspended", "draft", "retired"] as const) {
      const g = await grant();
      await db.update(workflows).set({ status }).where(eq(workflows.id, g.e.workflowId));
      const d = await g.ask();
      expect(d.reason).toMatchObject({ code: "workflow_inactive" });
      expect(d.reason!.message).toContain(status);
    }
  });

  it("with several grants, any one that covers the action allows; otherwise the nearest miss is named", async () => {
    const nhi = await createNhi(db);
    const ds = await createDataSet(db);
    const readOnly = await grant({ nhiId: nhi.id, dataSetId: ds.id, actions: ["read"] });
    const suspended = await grant({ nhiId: nhi.id, dataSetId: ds.id, actions: ["read", "write"] });
    await db.update(workflows).set({ status: "suspended" }).where(eq(workflows.id, suspended.e.workflowId));
    expect(code(await readOnly.ask({ action: "read" }))).toBe("allow");
    expect(code(await readOnly.ask({ action: "write" }))).toBe("workflow_inactive");
    expect(code(await readOnly.ask({ action: "delete" }))).toBe("action_not_granted");
  });

  it("the evaluation right after revokeEntitlement returns is a deny", async () => {
    const g = await grant();
    expect(code(await g.ask())).toBe("allow");
    await revokeEntitlement(system, g.e.id, "incident");
    expect(code(await g.ask())).toBe("no_entitlement");
  });

  it("refuses a caller without runtime.authorize (a 403, not a decision)", async () => {
    const g = await grant();
    const reader = userActor(await createUser(db, { roles: ["auditor"] }));
    const error = await evaluateAccess({ subject: { type: "nhi", id: g.e.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: g.e.dataSetId } }, reader).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(403);
  });
});

describe("[RUNTIME] JIT entitlements", () => {
  const jitGrant = async () => grant({ jit: true, maxTtlSeconds: 600 });
  const mint = (entitlementId: string) => mintJitToken(system, { entitlementId, task: "summarise claims" });

  it("jit_token_required without a token; allowed with a token minted for that entitlement", async () => {
    const g = await jitGrant();
    expect(code(await g.ask())).toBe("jit_token_required");
    const { token, jti } = await mint(g.e.id);
    const d = await g.ask({ token });
    expect(code(d)).toBe("allow");
    await flushDecisions();
    const [row] = await db.select().from(decisions).where(eq(decisions.id, d.id));
    expect(row!.context).toEqual({ tokenPresented: true, jti });
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("jit_token_invalid, jit_token_mismatch, jit_token_expired, jit_token_revoked", async () => {
    const g = await jitGrant();
    expect(code(await g.ask({ token: "not-a-jwt" }))).toBe("jit_token_invalid");
    const other = await jitGrant();
    expect(code(await g.ask({ token: (await mint(other.e.id)).token }))).toBe("jit_token_mismatch");

    const expiring = await mint(g.e.id);
    await db.update(credentials).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(credentials.jti, expiring.jti));
    expect(code(await g.ask({ token: expiring.token }))).toBe("jit_token_expired");

    const revoked = await mint(g.e.id);
    const [credential] = await db.select({ id: credentials.id }).from(credentials).where(eq(credentials.jti, revoked.jti));
    await revokeCredential(system, credential!.id, "leaked");
    expect(code(await g.ask({ token: revoked.token }))).toBe("jit_token_revoked");
  });

  it("a standing grant in another workflow allows without a token; revoking the JIT entitlement kills its token at once", async () => {
    const g = await jitGrant();
    const { token } = await mint(g.e.id);
    expect(code(await g.ask({ token }))).toBe("allow");
    await revokeEntitlement(system, g.e.id);
    expect(code(await g.ask({ token }))).toBe("no_entitlement");
    await grant({ nhiId: g.e.nhiId, dataSetId: g.e.dataSetId });
    expect(code(await g.ask())).toBe("allow");
  });
});

describe("[RUNTIME] fail closed", () => {
  it("a broken database connection answers deny with internal_error, never throws, and is still logged", async () => {
    const g = await grant();
    const broken = postgres("postgres://postgres@127.0.0.1:9/unreachable", { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      const request: EvaluationRequest = { subject: { type: "nhi", id: g.e.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: g.e.dataSetId }, context: { token: "secret-token-value" } };
      const d = await evaluateAccess(request, pep, { client: broken });
      expect(d).toMatchObject({ decision: false, reason: { code: "internal_error" } });
      await flushDecisions();
      const [row] = await db.select().from(decisions).where(eq(decisions.id, d.id));
      expect(row).toMatchObject({ decision: false, reasonCode: "internal_error", subject: g.e.nhiId });
      expect(JSON.stringify(row)).not.toContain("secret-token-value");
    } finally {
      await broken.end({ timeout: 1 });
    }
  });

  it("a database that stops answering (the connection open, no reply) answers deny at the deadline, not never", async () => {
    const g = await grant();
    // Accepts connections and never says a word, like a server behind a partition.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const stuck = postgres(`postgres://postgres@127.0.0.1:${(silent.address() as net.AddressInfo).port}/x`, { max: 1, onnotice: () => {} });
    try {
      const started = performance.now();
      const d = await evaluateAccess({ subject: { type: "nhi", id: g.e.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: g.e.dataSetId } }, pep, { client: stuck, deadlineMs: 300 });
      const took = performance.now() - started;
      expect(d).toMatchObject({ decision: false, reason: { code: "internal_error" } });
      expect(took).toBeGreaterThanOrEqual(290);
      expect(took).toBeLessThan(2_000);
    } finally {
      void stuck.end({ timeout: 0 });
      silent.close();
    }
  });

  it("a connection the server terminates mid-query answers deny with internal_error", async () => {
    const g = await grant();
    const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const [session] = await client<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const d = await db.transaction(async (tx) => {
        // The lock parks the evaluation's query inside the server, where it is then killed.
        await tx.execute(sql`lock table entitlements in access exclusive mode`);
        const pending = evaluateAccess({ subject: { type: "nhi", id: g.e.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: g.e.dataSetId } }, pep, { client });
        await expect.poll(async () => (await db.execute<{ waiting: boolean }>(sql`select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = ${session!.pid}`))[0]?.waiting).toBe(true);
        await tx.execute(sql`select pg_terminate_backend(${session!.pid})`);
        return pending;
      });
      expect(d).toMatchObject({ decision: false, reason: { code: "internal_error" } });
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
