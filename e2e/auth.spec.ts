import { createUser } from "@/db/seed/factories";
import { ORIGIN, USERS, expect, signIn, test } from "./fixtures";

test.describe("[AUTH]", () => {
  test("the sign-in form signs a seeded user in and out", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    await page.getByRole("button", { name: "Sign in as Alice Ng" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await page.getByRole("button", { name: /Alice Ng/ }).click();
    await expect(page.getByRole("menu").getByText("alice@example.com")).toBeVisible();
    await expect(page.getByRole("menu").getByText("Admin")).toBeVisible();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("deactivating a user ends their session at once", async ({ page, browser, database }) => {
    const victim = await createUser(database.db, { roles: ["auditor"], name: "Short Stay" });
    await signIn(page, victim.email);
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, USERS.admin);
    const res = await admin.request.patch(`/api/v1/users/${victim.id}`, {
      data: { active: false, reason: "e2e" },
      headers: { origin: ORIGIN },
    });
    expect(res.status()).toBe(200);
    await adminContext.close();

    await page.goto("/audit");
    await expect(page).toHaveURL(/\/signin/);
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
  });

  test("API answers 401 without credentials and 403 for a forbidden write", async ({ page, signInAs }) => {
    expect((await page.request.get("/api/v1/users")).status()).toBe(401);
    await signInAs(USERS.auditor);
    const forbidden = await page.request.post("/api/v1/users", {
      data: { email: "nobody@example.com", name: "Nobody", roles: ["admin"] },
      headers: { origin: ORIGIN },
    });
    expect(forbidden.status()).toBe(403);
    expect(forbidden.headers()["content-type"]).toContain("application/problem+json");
  });
});
