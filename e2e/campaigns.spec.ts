import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { createDataSet, createEntitlement, createNhi, createUser, createWorkflow } from "@/db/seed/factories";
import { users } from "@/db/schema";
import { USERS, expect, selectByText, test } from "./fixtures";

test.describe("[CAMPAIGNS] quarterly access review, end to end", () => {
  test("admin creates and launches a campaign; the business owner certifies one item and revokes another; the admin closes it and downloads reconciling evidence", async ({
    page,
    signInAs,
    database,
  }) => {
    const { db } = database;
    const [bob] = await db.select().from(users).where(eq(users.email, USERS.businessOwner));
    const [dave] = await db.select().from(users).where(eq(users.email, USERS.identityOwner));
    const [erin] = await db.select().from(users).where(eq(users.email, USERS.identityOwner2));
    const suffix = Date.now().toString(36);
    // The campaign is scoped to a technical owner only this test's NHIs have, so its population is exactly these two grants.
    const nhiOwner = await createUser(db, { name: `Campaign NHI owner ${suffix}`, email: `nhi-owner-${suffix}@example.test`, roles: ["identity_owner"] });
    const workflow = await createWorkflow(db, { name: `Contract renewal assistant ${suffix}`, status: "active", businessOwnerId: bob!.id, identityOwnerId: dave!.id });
    const grantFor = async (name: string) => {
      const dataSet = await createDataSet(db, { name: `Renewals ${name} ${suffix}`, sensitivity: "confidential" });
      const nhi = await createNhi(db, { name: `${name}-${suffix}`, ownerId: nhiOwner.id, environment: dataSet.environment });
      // Identity-approved by erin, requested by a third user: bob may review (separation of duties).
      return { nhi, grant: await createEntitlement(db, { workflowId: workflow.id, nhiId: nhi.id, dataSetId: dataSet.id, identityApprovedById: erin!.id }) };
    };
    const keep = await grantFor("renewal-reader");
    const drop = await grantFor("renewal-legacy-sync");

    // 1. Alice (admin) creates the campaign through the form and launches it.
    await signInAs(USERS.admin);
    await page.goto("/campaigns");
    await page.getByRole("button", { name: "New campaign" }).first().click();
    await expect(page.getByRole("heading", { name: "New campaign" })).toBeVisible();
    // Inline validation: an empty name is refused before anything is sent.
    await page.getByRole("button", { name: "Create campaign" }).click();
    await expect(page.getByText("Is required").first()).toBeVisible();
    const name = `Q1 access review ${suffix}`;
    await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
    await selectByText(page.getByRole("combobox", { name: "Owner", exact: true }), `Campaign NHI owner ${suffix}`);
    // Business-owner attestation only, so a certify is final.
    await page.getByRole("checkbox", { name: "Identity owner", exact: true }).uncheck();
    await page.getByLabel("Keep the access").check();
    await page.getByRole("button", { name: "Create campaign" }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const campaignId = page.url().split("/").at(-1)!;
    await expect(page.getByRole("heading", { name })).toBeVisible();

    await page.getByRole("button", { name: "Launch", exact: true }).click();
    await page.getByRole("button", { name: "Launch campaign" }).click();
    await expect(page.getByText(/Launched: 2 entitlements frozen for review by 1 reviewer/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Progress per reviewer" })).toBeVisible();
    const perReviewer = page.getByRole("table", { name: "Items per reviewer" });
    await expect(perReviewer.getByRole("row").filter({ hasText: USERS.businessOwner })).toContainText("2");

    // 2. Bob works his queue: certify one, revoke the other (a real revoke, with a reason).
    await signInAs(USERS.businessOwner);
    await page.goto("/reviews");
    const keepRow = page.getByRole("row").filter({ hasText: keep.nhi.name });
    const dropRow = page.getByRole("row").filter({ hasText: drop.nhi.name });
    await expect(keepRow).toContainText(`campaign ${name}`);
    await keepRow.getByRole("button", { name: "Certify" }).click();
    await expect(page.getByText(/^Certified:/).first()).toBeVisible();
    await expect(keepRow).toHaveCount(0);
    await dropRow.getByRole("button", { name: "Revoke" }).click();
    await page.getByLabel("Reason").fill("Legacy sync replaced by the new connector in January");
    await page.getByRole("button", { name: "Revoke access" }).click();
    await expect(page.getByText(/^Revoked:/).first()).toBeVisible();
    await expect(dropRow).toHaveCount(0);

    // 3. Alice closes the campaign (the dialog says what non-response does) and downloads the evidence.
    await signInAs(USERS.admin);
    await page.goto(`/campaigns/${campaignId}`);
    await page.getByRole("button", { name: "Close", exact: true }).click();
    await expect(page.getByRole("dialog")).toContainText("non-response policy is KEEP");
    await page.getByRole("button", { name: "Close campaign" }).click();
    await expect(page.getByText("Campaign closed. Every entitlement had a decision.")).toBeVisible();
    await expect(page.getByRole("heading", { name }).getByText("Closed")).toBeVisible();

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download evidence (CSV)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^q1-access-review-[a-z0-9]+-evidence\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const [itemsPart, summaryPart] = csv.split("\r\n\r\n");
    const rows = parse(itemsPart!, { columns: true }) as Record<string, string>[];
    const summary = Object.fromEntries((parse(summaryPart!) as string[][]).slice(1));
    expect(rows).toHaveLength(2);
    const byGrant = Object.fromEntries(rows.map((r) => [r.entitlement_id, r]));
    expect(byGrant[keep.grant.id]).toMatchObject({ stage: "business_owner", decision: "certify", outcome: "certified", reviewer: USERS.businessOwner, decided_by: USERS.businessOwner, nhi: keep.nhi.name });
    expect(byGrant[drop.grant.id]).toMatchObject({ decision: "revoke", outcome: "revoked", rationale: "Legacy sync replaced by the new connector in January", decided_by: USERS.businessOwner });
    expect(byGrant[drop.grant.id]!.decided_at_utc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(byGrant[drop.grant.id]!.revocation_audit_event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(byGrant[drop.grant.id]!.revocation_audit_event_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(byGrant[keep.grant.id]!.revocation_id).toBe("");
    expect(summary).toMatchObject({ campaign_name: name, status: "closed", population: "2", decided: "2", revoked: "1", certified: "1", non_response: "0", reconciles: "true", snapshot_hash_verified: "true" });
    expect(summary.equation).toContain("population 2 = decided 2");
  });
});
