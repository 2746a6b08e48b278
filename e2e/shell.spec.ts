import { USERS, expect, test } from "./fixtures";

const AREAS = [
  ["Overview", "/"],
  ["Workflows", "/workflows"],
  ["Identities", "/identities"],
  ["Requests", "/requests"],
  ["Data sets", "/data-sets"],
  ["My reviews", "/reviews"],
  ["Campaigns", "/campaigns"],
  ["Findings", "/findings"],
  ["Frameworks", "/frameworks"],
  ["Decisions", "/decisions"],
  ["Policies", "/policies"],
  ["Hooks", "/settings/hooks"],
  ["Audit trail", "/audit"],
  ["Import", "/import"],
  ["Users", "/settings/users"],
  ["API keys", "/settings/api-keys"],
] as const;

test.describe("[SHELL]", () => {
  test("every area of the navigation renders for an auditor, without console errors", async ({ page, signInAs }) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAs(USERS.auditor);
    await page.goto("/");
    for (const [name, path] of AREAS) {
      await page.getByRole("navigation").getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${path === "/" ? "/$" : path}`));
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    expect(errors).toEqual([]);
  });

  test("is keyboard accessible: the skip link moves focus to the content", async ({ page, signInAs }) => {
    await signInAs(USERS.businessOwner);
    await page.goto("/workflows");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });

  test("switches to dark mode and remembers it", async ({ page, signInAs }) => {
    await signInAs(USERS.identityOwner);
    await page.goto("/");
    await page.getByRole("button", { name: /Dave Kim/ }).click();
    await page.getByRole("menuitemradio", { name: "Dark" }).click();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
  });

  test("serves security headers and a nonce-based CSP", async ({ page, signInAs }) => {
    await signInAs(USERS.auditor);
    const response = await page.goto("/");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["strict-transport-security"]).toContain("max-age=");
  });
});
