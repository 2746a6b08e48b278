import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseAwsCredentialReport } from "./formats/aws-credential-report";
import { parseInventoryCsv } from "./formats/csv";
import { parseK8sServiceAccounts } from "./formats/k8s-serviceaccounts";

const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, "../../../tests/fixtures/import", name), "utf8");

function expectWholeFileError(run: () => unknown, pattern: RegExp): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    expect((error as AppError).message).toMatch(pattern);
    return error as AppError;
  }
  throw new Error("expected a whole-file error");
}

describe("[IMPORT] CSV format", () => {
  const result = parseInventoryCsv(fixture("inventory.csv"));

  it("accepts the well-formed rows with their values", () => {
    expect(result.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 19, 20, 21]);
    const [first] = result.rows;
    expect(first).toMatchObject({
      provider: "aws",
      externalId: "arn:aws:iam::123456789012:role/invoice-extractor",
      name: "invoice-extractor",
      kind: "service_account",
      environment: "prod",
      classification: "privileged",
      ownerEmail: "priya.nair@example.com",
      status: "active",
      lastUsedAt: new Date("2026-01-14T09:12:44Z"),
      credentials: [],
    });
    const byLine = new Map(result.rows.map((r) => [r.line, r]));
    expect(byLine.get(3)?.ownerEmail).toBe("priya.nair@example.com"); // e-mail case folded
    expect(byLine.get(3)?.description).toBe("OCR worker; writes to BigQuery staging, never to prod");
    expect(byLine.get(4)?.lastUsedAt?.toISOString()).toBe("2026-01-10T06:45:00.000Z"); // offset honoured
    expect(byLine.get(7)?.description).toBe('Summarises tickets; "read-only" on Zendesk');
    expect(byLine.get(9)?.classification).toBeNull(); // empty cell: keep what is stored
    expect(byLine.get(11)?.status).toBe("suspended");
    expect(byLine.get(20)?.lastUsedAt?.toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect(byLine.get(21)?.description).toContain("\nEscalates anything");
  });

  it("rejects each malformed row with its line number and reason", () => {
    expect(result.rejected).toEqual([
      { line: 12, reason: expect.stringMatching(/^kind: "robot" is not one of service_account, api_key/) },
      { line: 13, reason: 'last_used_at: "2026-13-45T10:00:00Z" is not an RFC 3339 date-time' },
      { line: 15, reason: "duplicate of line 2 (aws arn:aws:iam::123456789012:role/invoice-extractor)" },
      { line: 16, reason: "name: is required" },
      { line: 17, reason: "expected 10 columns, found 5" },
      { line: 18, reason: expect.stringMatching(/^environment: "production" is not one of prod, staging, dev/) },
    ]);
  });

  it("refuses a wrong header as a whole, naming the missing and unknown columns", () => {
    const error = expectWholeFileError(() => parseInventoryCsv(fixture("inventory-wrong-header.csv")), /missing required columns: external_id, kind/);
    expect(error.message).toMatch(/unknown columns: externalid, type, owner/);
    expect(error.fieldErrors.map((e) => e.path)).toEqual(
      expect.arrayContaining(["header.external_id", "header.kind", "header.externalid", "header.type", "header.owner"]),
    );
  });

  it("refuses an empty file and a file whose quoting is broken", () => {
    expectWholeFileError(() => parseInventoryCsv(""), /empty/);
    const broken = 'provider,external_id,name,kind,environment\naws,"arn:x"y,n,bot,prod\naws,arn:ok,n,bot,prod\n';
    expectWholeFileError(() => parseInventoryCsv(broken), /malformed at line 2/);
  });

  it("numbers rows by the line they start on, across blank lines and multi-line values", () => {
    const text = 'provider,external_id,name,kind,environment,description\n\ngithub,app/1,a,bot,dev,"two\nlines"\n\n  \ngithub,app/2,b,robot,dev,\n';
    const { rows, rejected } = parseInventoryCsv(text);
    expect(rows.map((r) => r.line)).toEqual([3]);
    expect(rejected).toEqual([{ line: 7, reason: expect.stringMatching(/^kind: "robot"/) }]);
  });

  it("accepts columns in any order, a BOM and CRLF line ends", () => {
    const text = "\uFEFFname,kind,environment,external_id,provider\r\nbuild-bot,bot,dev,app/1,github\r\n";
    const { rows, rejected } = parseInventoryCsv(text);
    expect(rejected).toEqual([]);
    expect(rows[0]).toMatchObject({ line: 2, provider: "github", externalId: "app/1", name: "build-bot", classification: null, ownerEmail: null });
  });

  it("refuses impossible calendar dates that Date.parse would roll over", () => {
    const text = "provider,external_id,name,kind,environment,last_used_at\ngithub,app/1,a,bot,dev,2025-02-30T10:00:00Z\n";
    expect(parseInventoryCsv(text).rejected[0]?.reason).toMatch(/is not an RFC 3339 date-time/);
  });
});

describe("[IMPORT] AWS IAM credential report", () => {
  const result = parseAwsCredentialReport(fixture("aws-credential-report.csv"));
  const byName = new Map(result.rows.map((r) => [r.name, r]));

  it("turns each IAM user into an identity and skips the root account", () => {
    expect(result.rows.map((r) => r.name)).toEqual([
      "ci-deployer",
      "data-pipeline",
      "reporting-readonly",
      "unused-integration",
      "terraform-readonly",
      "legacy-signing",
    ]);
    expect(byName.get("data-pipeline")).toMatchObject({
      provider: "aws",
      externalId: "arn:aws:iam::123456789012:user/svc/data-pipeline",
      // The report says neither: new identities get service_account and ?environment=, stored ones keep theirs.
      kind: null,
      environment: null,
      lastUsedAt: new Date("2026-01-14T23:59:10Z"),
      humanUseSeenAt: null,
      attributes: { passwordEnabled: false, mfaActive: false, userCreatedAt: "2022-02-01T09:00:00.000Z" },
    });
  });

  it("maps access keys and certificates to credentials with their state", () => {
    expect(byName.get("data-pipeline")?.credentials).toEqual([
      expect.objectContaining({ kind: "api_key", name: "access_key_1", status: "active", issuedAt: new Date("2025-09-30T14:21:05Z"), lastUsedAt: new Date("2026-01-14T23:59:10Z") }),
      expect.objectContaining({ kind: "api_key", name: "access_key_2", status: "active", issuedAt: new Date("2023-03-11T08:44:19Z"), lastRotatedAt: new Date("2023-03-11T08:44:19Z") }),
    ]);
    expect(byName.get("reporting-readonly")?.credentials).toEqual([expect.objectContaining({ name: "access_key_1", status: "revoked" })]);
    expect(byName.get("unused-integration")?.credentials).toEqual([expect.objectContaining({ name: "access_key_1", lastUsedAt: null })]);
    expect(byName.get("unused-integration")?.lastUsedAt).toBeNull();
    expect(byName.get("terraform-readonly")?.credentials).toEqual([]);
    expect(byName.get("legacy-signing")?.credentials).toEqual([
      expect.objectContaining({ kind: "certificate", name: "cert_1", status: "active" }),
      expect.objectContaining({ kind: "certificate", name: "cert_2", status: "revoked" }),
    ]);
  });

  it("flags console sign-in as human use of the identity (OWASP NHI10)", () => {
    expect(byName.get("reporting-readonly")).toMatchObject({
      humanUseSeenAt: new Date("2025-12-18T09:41:52Z"),
      lastUsedAt: new Date("2025-12-18T09:41:52Z"),
      attributes: { passwordEnabled: true },
    });
  });

  it("reports the root account and malformed rows with line and reason", () => {
    expect(result.rejected).toEqual([
      { line: 2, reason: "root account is not an NHI" },
      { line: 9, reason: 'access_key_1_last_rotated: "yesterday" is not an RFC 3339 date-time' },
      { line: 10, reason: "expected 22 columns, found 5" },
    ]);
  });

  it("refuses a file that is not a credential report", () => {
    expectWholeFileError(() => parseAwsCredentialReport(fixture("inventory.csv")), /missing required columns: user, arn, user_creation_time/);
  });
});

describe("[IMPORT] Kubernetes service accounts", () => {
  const result = parseK8sServiceAccounts(fixture("k8s-serviceaccounts.json"));
  const byName = new Map(result.rows.map((r) => [r.name, r]));

  it("turns each service account into an identity named namespace/name", () => {
    expect(result.rows.map((r) => [r.line, r.name, r.environment])).toEqual([
      [1, "default/default", null],
      [2, "payments/ledger-sync", "prod"],
      [3, "argocd/argocd-application-controller", null],
      [4, "monitoring/prometheus-k8s", "staging"],
      [5, "ml/feature-store", "dev"],
      [7, "kube-system/coredns", null],
    ]);
    const ledger = byName.get("payments/ledger-sync");
    expect(ledger).toMatchObject({ provider: "kubernetes", kind: "service_account", externalId: "system:serviceaccount:payments:ledger-sync" });
    expect(ledger?.attributes).toEqual({
      namespace: "payments",
      uid: "5e1c7a9b-2d4f-4b8e-a6c3-1f9e0d7b2a58",
      labels: { "app.kubernetes.io/name": "ledger-sync", environment: "production" },
      annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/ledger-sync" },
    });
    expect(byName.get("ml/feature-store")?.attributes.automountServiceAccountToken).toBe(false);
  });

  it("turns listed token secrets into long-lived token credentials (OWASP NHI7)", () => {
    expect(byName.get("payments/ledger-sync")?.credentials).toEqual([
      {
        kind: "token",
        name: "ledger-sync-token-x7k2p",
        fingerprint: null,
        location: "secret/payments/ledger-sync-token-x7k2p",
        issuedAt: new Date("2023-05-02T16:40:03Z"),
        lastRotatedAt: null,
        lastUsedAt: null,
        expiresAt: null,
        status: "active",
      },
    ]);
    expect(byName.get("monitoring/prometheus-k8s")?.credentials.map((c) => c.name)).toEqual([
      "prometheus-k8s-token-9fz2d",
      "prometheus-k8s-dockercfg-l4m8q",
    ]);
  });

  it("rejects malformed items by item number", () => {
    expect(result.rejected).toEqual([
      { line: 6, reason: "metadata.namespace is missing" },
      { line: 8, reason: 'metadata.name: "Claims_Agent" is not a valid Kubernetes name' },
    ]);
  });

  it("refuses invalid JSON and documents of the wrong shape without echoing content", () => {
    const error = expectWholeFileError(() => parseK8sServiceAccounts('{"items": [ {"token": "s3cr3t"'), /not valid JSON/);
    expect(error.message).not.toContain("s3cr3t");
    expectWholeFileError(() => parseK8sServiceAccounts('{"kind":"List"}'), /items array/);
    expectWholeFileError(() => parseK8sServiceAccounts("[]"), /JSON object/);
  });

  it("accepts a single ServiceAccount object and rejects duplicates", () => {
    const one = { kind: "ServiceAccount", metadata: { name: "builder", namespace: "ci" } };
    expect(parseK8sServiceAccounts(JSON.stringify(one)).rows).toHaveLength(1);
    const twice = parseK8sServiceAccounts(JSON.stringify({ kind: "List", items: [one, { kind: "Pod", metadata: {} }, one] }));
    expect(twice.rejected).toEqual([
      { line: 2, reason: "kind Pod is not a ServiceAccount" },
      { line: 3, reason: "duplicate of line 1 (kubernetes system:serviceaccount:ci:builder)" },
    ]);
  });
});
