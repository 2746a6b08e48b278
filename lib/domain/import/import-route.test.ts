import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/v1/import/[format]/route";
import { db } from "@/db";
import { IMPORT_MAX_BYTES } from "@/lib/validation/import";
import { call, userWithKey } from "@/tests/helpers";

const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, "../../../tests/fixtures/import", name), "utf8");
const nhiCount = async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from nhis`))[0]!.n;

function post(format: string, apiKey: string, body: string, query = "") {
  return call(importRoute.POST, { method: "POST", path: `/api/v1/import/${format}${query}`, apiKey, rawBody: body, params: { format } });
}

describe("[IMPORT] POST /api/v1/import/{format}", () => {
  it("answers 403 without the import.run permission or the import scope, and writes nothing", async () => {
    const auditor = await userWithKey(["auditor"]);
    const noScope = await userWithKey(["identity_owner"], ["read", "write"]);
    for (const key of [auditor.key, noScope.key]) {
      const res = await post("k8s-serviceaccounts", key, fixture("k8s-serviceaccounts.json"));
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await nhiCount()).toBe(0);
  });

  it("answers 404 for an unknown format", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const res = await post("terraform-state", key, "{}");
    expect(res.status).toBe(404);
    expect(res.body?.detail).toMatch(/csv, aws-credential-report, k8s-serviceaccounts/);
  });

  it("previews with ?dryRun=true, then applies with the environment given", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const file = fixture("k8s-serviceaccounts.json");
    const dry = await post("k8s-serviceaccounts", key, file, "?dryRun=true&environment=staging");
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ format: "k8s-serviceaccounts", dryRun: true, totals: { created: 6, rejected: 2 } });
    expect(dry.body?.rejected).toEqual([
      { line: 6, reason: "metadata.namespace is missing" },
      { line: 8, reason: 'metadata.name: "Claims_Agent" is not a valid Kubernetes name' },
    ]);
    expect(await nhiCount()).toBe(0);

    const applied = await post("k8s-serviceaccounts", key, file, "?environment=staging");
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ dryRun: false, totals: { created: 6, credentialsCreated: 4 } });
    const [row] = await db.execute<{ environment: string }>(sql`select environment from nhis where name = 'default/default'`);
    expect(row?.environment).toBe("staging");
  });

  it("answers 422 problem+json for a wrong header and for bad query parameters", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const before = await nhiCount();
    const header = await post("csv", key, fixture("inventory-wrong-header.csv"));
    expect(header.status).toBe(422);
    expect(header.headers.get("content-type")).toBe("application/problem+json");
    expect(header.body?.detail).toMatch(/missing required columns: external_id, kind/);
    const query = await post("csv", key, fixture("inventory.csv"), "?dryRun=maybe&environment=moon");
    expect(query.status).toBe(422);
    expect((query.body?.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(["dryRun", "environment"]);
    expect(await nhiCount()).toBe(before);
  });

  it("answers 413 for a body over the limit, declared or not", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const declared = await call(importRoute.POST, {
      method: "POST",
      path: "/api/v1/import/csv",
      apiKey: key,
      rawBody: "provider",
      headers: { "content-length": String(IMPORT_MAX_BYTES + 1) },
      params: { format: "csv" },
    });
    expect(declared.status).toBe(413);
    const streamed = await post("csv", key, "x".repeat(IMPORT_MAX_BYTES + 1));
    expect(streamed.status).toBe(413);
    expect(streamed.body?.detail).toMatch(/larger than 50 MB/);
  });

  it("refuses a file that is not UTF-8", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const latin1 = new Uint8Array([...Buffer.from("provider,external_id,name,kind,environment\ncustom,x,Caf"), 0xe9, 0x0a]);
    // Raw bytes: a JS string body would be re-encoded as UTF-8 on the way in.
    const raw = await importRoute.POST(
      new Request("http://localhost/api/v1/import/csv?dryRun=true", { method: "POST", headers: { authorization: `Bearer ${key}` }, body: latin1 }),
      { params: Promise.resolve({ format: "csv" }) },
    );
    expect(raw.status).toBe(422);
    expect(((await raw.json()) as { detail: string }).detail).toMatch(/not UTF-8/);
  });
});
