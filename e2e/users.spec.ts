import { USERS, expect, test } from "./fixtures";

test.describe("[USERS] admin user management", () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs(USERS.admin);
  });

  test("an admin creates a user, changes their roles and deactivates them", async ({ page }) => {
    const email = `e2e.${Date.now()}@example.com`;
    await page.goto("/settings/users");
    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("E-mail").fill("not-an-email");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByText(/e-mail address/i).first()).toBeVisible();
    await expect(dialog.getByText(/at least one role/i)).toBeVisible();

    await dialog.getByLabel("E-mail").fill(email);
    await dialog.getByLabel("Name").fill("Eve Example");
    await dialog.getByRole("checkbox", { name: "Auditor" }).check();
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog).toBeHidden();
    await page.getByLabel("Search").fill(email);
    await page.getByRole("button", { name: "Search" }).click();
    const row = page.getByRole("row", { name: /Eve Example/ });
    await expect(row).toContainText("Auditor");

    await page.getByRole("button", { name: "Edit roles for Eve Example" }).click();
    const edit = page.getByRole("dialog", { name: "Edit roles for Eve Example" });
    await edit.getByRole("checkbox", { name: "Identity owner" }).check();
    await edit.getByRole("button", { name: "Save roles" }).click();
    await expect(row).toContainText("Identity owner");

    await page.getByRole("button", { name: "Deactivate Eve Example" }).click();
    const confirm = page.getByRole("dialog", { name: "Deactivate Eve Example?" });
    await expect(confirm).toContainText("sessions end immediately");
    await confirm.getByLabel("Reason").fill("left the company");
    await confirm.getByRole("button", { name: "Deactivate user" }).click();
    await expect(row).toContainText("Deactivated");

    await page.goto(`/audit?targetType=user`);
    await expect(page.getByText("user.deactivated").first()).toBeVisible();
  });

  test("an admin creates an API key that is shown once and works as a bearer token", async ({ page, playwright }) => {
    await page.goto("/settings/api-keys");
    await page.getByRole("button", { name: "New API key" }).click();
    await page.getByLabel("Name").fill("e2e pipeline");
    await page.getByRole("checkbox", { name: "read" }).check();
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByText("Copy this key now.")).toBeVisible();
    const key = await page.getByRole("textbox", { name: "API key" }).inputValue();
    expect(key).toMatch(/^cs_/);
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("row", { name: /e2e pipeline/ })).toContainText("Active");
    await expect(page.getByText(key)).toHaveCount(0);

    const api = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
    const me = await api.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } });
    expect(me.status()).toBe(200);
    expect((await me.json()).label).toBe(USERS.admin);
    const write = await api.post("/api/v1/users", {
      headers: { authorization: `Bearer ${key}` },
      data: { email: "z@example.com", name: "Z", roles: ["auditor"] },
    });
    expect(write.status()).toBe(403);
    await api.dispose();
  });
});
