import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { createNhi, createUser } from "@/db/seed/factories";
import { auditEvents, credentials, nhis } from "@/db/schema";
import { systemActor, userActor } from "@/lib/domain/actor";
import { importInventory } from "./apply-import";

const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, "../../../tests/fixtures/import", name), "utf8");
const actor = systemActor("import-test");
const apply = { dryRun: false, environment: "prod" } as const;
const preview = { dryRun: true, environment: "prod" } as const;

async function counts() {
  const [row] = await db.execute<{ nhis: number; credentials: number; audit: number }>(sql`
    select (select count(*)::int from nhis) as nhis, (select count(*)::int from credentials) as credentials,
           (select count(*)::int from audit_events where action = 'inventory.imported') as audit`);
  return row!;
}

const nhiByExternalId = async (externalId: string) => (await db.select().from(nhis).where(eq(nhis.externalId, externalId)))[0];

describe("[IMPORT] inventory CSV: preview, apply, idempotent re-apply", () => {
  const csv = fixture("inventory.csv");
  let priya: { id: string };

  beforeAll(async () => {
    priya = await createUser(db, { email: "priya.nair@example.com", name: "Priya Nair", roles: ["identity_owner"] });
    await createUser(db, { email: "marcus.oyelaran@example.com", name: "Marcus Oyelaran", roles: ["business_owner"] });
    await createUser(db, { email: "former.contractor@example.com", name: "Former Contractor", roles: [], active: false });
  });

  it("previews created rows and every rejected row without writing anything", async () => {
    const result = await importInventory(actor, "csv", csv, preview);
    expect(result.dryRun).toBe(true);
    expect(result.totals).toEqual({ rows: 20, created: 12, updated: 0, unchanged: 0, rejected: 8, credentialsCreated: 0, credentialsUpdated: 0 });
    expect(result.created[0]).toEqual({ provider: "aws", externalId: "arn:aws:iam::123456789012:role/invoice-extractor", name: "invoice-extractor" });
    expect(result.rejected.map((r) => r.line)).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(result.rejected.find((r) => r.line === 14)?.reason).toBe("owner_email: no user with the e-mail nobody@example.com");
    expect(result.rejected.find((r) => r.line === 19)?.reason).toMatch(/former.contractor@example.com is deactivated/);
    expect(await counts()).toEqual({ nhis: 0, credentials: 0, audit: 0 });
  });

  it("refuses a wrong header with a 422 and writes nothing", async () => {
    await expect(importInventory(actor, "csv", fixture("inventory-wrong-header.csv"), apply)).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/missing required columns: external_id, kind/),
    });
    expect(await counts()).toEqual({ nhis: 0, credentials: 0, audit: 0 });
  });

  it("applies the valid rows in one transaction with one audit event", async () => {
    const result = await importInventory(actor, "csv", csv, apply);
    expect(result.totals).toMatchObject({ rows: 20, created: 12, rejected: 8 });
    expect(await counts()).toEqual({ nhis: 12, credentials: 0, audit: 1 });

    const extractor = await nhiByExternalId("arn:aws:iam::123456789012:role/invoice-extractor");
    expect(extractor).toMatchObject({ name: "invoice-extractor", classification: "privileged", ownerId: priya.id, status: "active" });
    expect(extractor?.lastUsedAt?.toISOString()).toBe("2026-01-14T09:12:44.000Z");
    expect((await nhiByExternalId("arn:aws:iam::123456789012:user/legacy-backup"))?.status).toBe("suspended");
    expect((await nhiByExternalId("system:serviceaccount:payments:ledger-sync"))?.classification).toBe("utility");

    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "inventory.imported"));
    expect(event?.after).toMatchObject({ format: "csv", environment: "prod", created: 12, rejected: 8, rows: 20 });
  });

  it("re-applying the same file changes nothing", async () => {
    const before = await db.select({ id: nhis.id, updatedAt: nhis.updatedAt }).from(nhis);
    const result = await importInventory(actor, "csv", csv, apply);
    expect(result.totals).toEqual({ rows: 20, created: 0, updated: 0, unchanged: 12, rejected: 8, credentialsCreated: 0, credentialsUpdated: 0 });
    expect(await db.select({ id: nhis.id, updatedAt: nhis.updatedAt }).from(nhis)).toEqual(expect.arrayContaining(before));
    expect(await counts()).toEqual({ nhis: 12, credentials: 0, audit: 2 });
  });

  it("updates only the rows that changed and names the changed fields", async () => {
    const edited = csv
      .replace("Nightly dbt build of the finance marts", "Nightly dbt build of the finance and risk marts")
      .replace("2026-01-15T02:00:00Z", "2026-01-16T02:00:00Z");
    const dry = await importInventory(actor, "csv", edited, preview);
    expect(dry.totals).toMatchObject({ created: 0, updated: 1, unchanged: 11 });
    expect(dry.updated).toEqual([{ provider: "snowflake", externalId: "ACME_PROD.SVC_DBT_RUNNER", name: "dbt-runner", changes: ["description", "lastUsedAt"] }]);
    await importInventory(actor, "csv", edited, apply);
    expect((await nhiByExternalId("ACME_PROD.SVC_DBT_RUNNER"))?.description).toBe("Nightly dbt build of the finance and risk marts");
  });

  it("never moves last-used backwards and keeps stored values for empty cells", async () => {
    const line = ",privileged,priya.nair@example.com,active,2026-01-14T09:12:44Z,";
    expect(csv).toContain(line);
    const older = csv.replace(line, ",,,,2025-01-01T00:00:00Z,");
    const result = await importInventory(actor, "csv", older, preview);
    expect(result.updated.find((u) => u.name === "invoice-extractor")).toBeUndefined();
  });

  it("answers forbidden to an actor without import.run", async () => {
    const auditor = await createUser(db, { roles: ["auditor"] });
    await expect(importInventory(userActor(auditor), "csv", csv, preview)).rejects.toMatchObject({ status: 403 });
  });
});

describe("[IMPORT] AWS credential report", () => {
  const report = fixture("aws-credential-report.csv");

  it("rolls everything back when a write fails part-way", async () => {
    await db.execute(sql.raw(`
      create sequence import_probe_seq;
      create function import_probe() returns trigger language plpgsql as $$
      begin
        if nextval('import_probe_seq') = 3 then raise exception 'probe: third credential refused'; end if;
        return new;
      end $$;
      create trigger import_probe before insert on credentials for each row execute function import_probe();`));
    const before = await counts();
    try {
      await expect(importInventory(actor, "aws-credential-report", report, apply)).rejects.toThrow(
        "Import rolled back, nothing was written: probe: third credential refused",
      );
      // Identities were inserted by an earlier statement of the same transaction: they must be gone too.
      expect(await counts()).toEqual(before);
      expect(await nhiByExternalId("arn:aws:iam::123456789012:user/ci-deployer")).toBeUndefined();
    } finally {
      await db.execute(sql.raw(`drop trigger import_probe on credentials; drop function import_probe(); drop sequence import_probe_seq;`));
    }
  });

  it("creates identities with their keys and certificates, then is idempotent", async () => {
    const first = await importInventory(actor, "aws-credential-report", report, { dryRun: false, environment: "staging" });
    expect(first.totals).toEqual({ rows: 9, created: 6, updated: 0, unchanged: 0, rejected: 3, credentialsCreated: 7, credentialsUpdated: 0 });
    const reporting = await nhiByExternalId("arn:aws:iam::123456789012:user/reporting-readonly");
    expect(reporting).toMatchObject({ environment: "staging", attributes: { passwordEnabled: true, mfaActive: false } });
    expect(reporting?.humanUseSeenAt?.toISOString()).toBe("2025-12-18T09:41:52.000Z");
    const keys = await db.select().from(credentials).where(eq(credentials.nhiId, reporting!.id));
    expect(keys).toEqual([expect.objectContaining({ kind: "api_key", name: "access_key_1", status: "revoked", revokedAt: expect.any(Date) })]);

    expect(reporting?.kind).toBe("service_account");

    // A different default environment applies to new identities only; stored ones keep theirs.
    const again = await importInventory(actor, "aws-credential-report", report, { dryRun: false, environment: "prod" });
    expect(again.totals).toMatchObject({ created: 0, updated: 0, unchanged: 6, credentialsCreated: 0, credentialsUpdated: 0 });
  });

  it("updates a key that was deactivated and used since, and adds a new key", async () => {
    const next = report
      .replace(
        "ci-deployer,arn:aws:iam::123456789012:user/ci-deployer,2021-06-14T10:22:13+00:00,false,N/A,N/A,N/A,false,true,2024-01-09T12:00:41+00:00,2026-01-15T03:12:00+00:00,eu-west-1,s3,false,N/A",
        "ci-deployer,arn:aws:iam::123456789012:user/ci-deployer,2021-06-14T10:22:13+00:00,false,N/A,N/A,N/A,false,false,2024-01-09T12:00:41+00:00,2026-01-20T08:00:00+00:00,eu-west-1,s3,true,2026-01-20T07:00:00+00:00",
      );
    const result = await importInventory(actor, "aws-credential-report", next, { dryRun: false, environment: "staging" });
    expect(result.totals).toMatchObject({ updated: 1, unchanged: 5, credentialsCreated: 1, credentialsUpdated: 1 });
    expect(result.updated).toEqual([expect.objectContaining({ name: "ci-deployer", changes: ["lastUsedAt", "credentials"] })]);
    const deployer = await nhiByExternalId("arn:aws:iam::123456789012:user/ci-deployer");
    const keys = await db.select().from(credentials).where(eq(credentials.nhiId, deployer!.id)).orderBy(credentials.name);
    expect(keys.map((k) => [k.name, k.status])).toEqual([
      ["access_key_1", "revoked"],
      ["access_key_2", "active"],
    ]);
    expect(keys[0]?.revokeReason).toMatch(/Inactive in the source system/);
  });

  it("keeps what people curated on an identity the report also lists", async () => {
    const owner = await createUser(db, { roles: ["identity_owner"] });
    const curated = await createNhi(db, {
      provider: "aws",
      externalId: "arn:aws:iam::123456789012:user/curated",
      name: "curated",
      classification: "privileged",
      description: "Owned by the platform team",
      ownerId: owner.id,
      attributes: { ticket: "SEC-42" },
    });
    const header = report.split("\n")[0];
    const row = "curated,arn:aws:iam::123456789012:user/curated,2021-01-01T00:00:00+00:00,false,N/A,N/A,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
    const result = await importInventory(actor, "aws-credential-report", `${header}\n${row}\n`, apply);
    expect(result.updated[0]?.changes).toEqual(["attributes"]);
    const after = await nhiByExternalId(curated.externalId);
    expect(after).toMatchObject({ classification: "privileged", description: "Owned by the platform team", ownerId: owner.id });
    expect(after?.attributes).toEqual({ ticket: "SEC-42", passwordEnabled: false, mfaActive: true, userCreatedAt: "2021-01-01T00:00:00.000Z" });
  });
});

describe("[IMPORT] Kubernetes service accounts", () => {
  it("creates service accounts with their token secrets, then is idempotent", async () => {
    const json = fixture("k8s-serviceaccounts.json");
    const first = await importInventory(actor, "k8s-serviceaccounts", json, { dryRun: false, environment: "dev" });
    // payments/ledger-sync came in with the CSV above: the same (provider, external id) is updated, not duplicated.
    expect(first.totals).toEqual({ rows: 8, created: 5, updated: 1, unchanged: 0, rejected: 2, credentialsCreated: 4, credentialsUpdated: 0 });
    expect(first.updated).toEqual([expect.objectContaining({ name: "payments/ledger-sync", changes: ["attributes", "credentials"] })]);
    const ledger = await nhiByExternalId("system:serviceaccount:payments:ledger-sync");
    expect(ledger).toMatchObject({ provider: "kubernetes", name: "payments/ledger-sync", environment: "prod" });
    const tokens = await db.select().from(credentials).where(eq(credentials.nhiId, ledger!.id));
    expect(tokens).toEqual([expect.objectContaining({ kind: "token", name: "ledger-sync-token-x7k2p", issuedAt: new Date("2023-05-02T16:40:03Z") })]);

    const again = await importInventory(actor, "k8s-serviceaccounts", json, { dryRun: false, environment: "dev" });
    expect(again.totals).toMatchObject({ created: 0, updated: 0, unchanged: 6, credentialsCreated: 0 });
  });
});

describe("[IMPORT] scale", () => {
  it("imports more rows than one chunk holds, in order and complete", async () => {
    const lines = ["provider,external_id,name,kind,environment,last_used_at"];
    for (let i = 0; i < 12_345; i++) lines.push(`custom,bulk-${i},bulk-${i},workload,dev,2026-01-01T00:00:00Z`);
    const result = await importInventory(actor, "csv", lines.join("\n"), apply);
    expect(result.totals).toMatchObject({ rows: 12_345, created: 12_345, rejected: 0 });
    expect(result.created).toHaveLength(100);
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from nhis where external_id like 'bulk-%'`);
    expect(row?.n).toBe(12_345);
  });
});
