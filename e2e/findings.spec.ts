import { USERS, expect, test } from "./fixtures";

test.describe("[FINDINGS] findings, frameworks and the overview from the seeded demo", () => {
  test("the overview draws its charts from real data", async ({ page, signInAs }) => {
    await signInAs(USERS.both);
    await page.goto("/");
    for (const title of ["Open findings by severity", "Review completion", "Credential age", "Revocations confirmed downstream"]) {
      await expect(page.getByRole("heading", { name: title })).toBeVisible();
    }
    // The demo plants risks, so the trend is a drawn chart, not its empty state.
    await expect(page.getByText("No findings yet")).toHaveCount(0);
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
  });

  test("an auditor follows a framework item to its open findings", async ({ page, signInAs }) => {
    await signInAs(USERS.auditor);
    await page.goto("/frameworks");
    await expect(page.getByRole("heading", { name: /OWASP.*Non-Human/i })).toBeVisible();
    const nhi7 = page.getByRole("link", { name: /open findings for NHI7/ });
    await expect(nhi7).not.toHaveAccessibleName(/^0 open/);
    await nhi7.click();
    await expect(page).toHaveURL(/\/findings\?framework=OWASP-NHI%3ANHI7/);
    const rows = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("link", { name: "NHI7" }) });
    await expect(rows.first()).toBeVisible();
    // Read-only: an auditor is never offered to accept a risk.
    await expect(page.getByRole("button", { name: "Accept risk" })).toHaveCount(0);
  });

  test("an identity owner accepts a risk with a reason and an expiry; it is listed as accepted", async ({ page, signInAs }) => {
    await signInAs(USERS.identityOwner);
    await page.goto("/findings?framework=OWASP-NHI%3ANHI7");
    const row = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("button", { name: "Accept risk" }) }).first();
    const target = (await row.getByRole("link").first().textContent())!.trim();
    await row.getByRole("button", { name: "Accept risk" }).click();
    const dialog = page.getByRole("dialog");
    // Inline validation: a reason is required before anything is sent.
    await dialog.getByRole("button", { name: "Accept risk" }).click();
    await expect(dialog.getByText(/required|at least/i).first()).toBeVisible();
    await dialog.getByLabel("Reason").fill("Vendor rotates this key on its own schedule until the migration in Q1");
    const until = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    await dialog.getByLabel("Accepted until").fill(until);
    await dialog.getByRole("button", { name: "Accept risk" }).click();
    await expect(page.getByText(/^Risk accepted until/)).toBeVisible();

    await page.goto("/findings?status=accepted");
    const accepted = page.getByRole("table").getByRole("row").filter({ hasText: target });
    await expect(accepted.first()).toContainText("Vendor rotates this key on its own schedule");
  });
});
