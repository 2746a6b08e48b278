import { USERS, expect, selectByText, test } from "./fixtures";

test.describe("[WORKFLOWS] business owners declare workflows", () => {
  test("a business owner declares a workflow with two data sets and an escalation path, activates it and finds it in the list", async ({ page, signInAs }) => {
    const name = `Contract clause extraction ${Date.now()}`;
    await signInAs(USERS.businessOwner);
    await page.goto("/workflows");
    await page.getByRole("button", { name: "New workflow" }).click();
    await expect(page).toHaveURL(/\/workflows\/new/);

    // Invalid input shows field errors in the form and saves nothing.
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText(/at least 3 characters/i).first()).toBeVisible();
    await expect(page).toHaveURL(/\/workflows\/new/);

    await page.locator("#wf-name").fill(name);
    await page.getByLabel("Purpose").fill("too short");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText(/at least 40 characters|at least a sentence/).first()).toBeVisible();
    await page
      .getByLabel("Purpose")
      .fill("Extracts renewal, liability and termination clauses from signed customer contracts so legal can review risky terms before renewal.");

    // The form starts with one approved data set row.
    await selectByText(page.getByLabel("Data set 1"), "CRM accounts");
    await page.getByRole("group", { name: "Actions for data set 1" }).getByRole("checkbox", { name: "read" }).check();
    await page.getByLabel("Justification 1").fill("Reads the account owner and renewal date of each contract.");
    await page.getByRole("button", { name: "Add data set" }).click();
    await selectByText(page.getByLabel("Data set 2"), "Product docs");
    await page.getByRole("group", { name: "Actions for data set 2" }).getByRole("checkbox", { name: "read" }).check();
    await page.getByLabel("Justification 2").fill("Looks up the standard terms that contracts deviate from.");

    await page.getByRole("button", { name: "Add step" }).click();
    await selectByText(page.getByLabel("Escalation step 1"), "Carol Diaz");
    await selectByText(page.getByLabel("Identity owner"), "Dave Kim");
    await page.getByRole("button", { name: "Save draft" }).click();

    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Draft").first()).toBeVisible();
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByText(/is active/).first()).toBeVisible();

    await page.goto(`/workflows?q=${encodeURIComponent(name)}`);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toBeVisible();
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Bob Ortiz");
  });

  test("a business owner cannot edit another owner's workflow", async ({ page, signInAs }) => {
    await signInAs(USERS.businessOwner);
    await page.goto("/workflows?q=Support%20ticket%20triage");
    await page.getByRole("link", { name: "Support ticket triage" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Support ticket triage" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    const id = page.url().split("/").pop()!;
    const res = await page.request.patch(`/api/v1/workflows/${id}`, {
      data: { purpose: "Hijacked purpose that is long enough to pass validation of the purpose field." },
      headers: { origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBe(403);
  });
});
