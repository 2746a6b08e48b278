import { chromium } from "@playwright/test";
import { seedId } from "@/db/seed/ids";

/**
 * Refreshes the README screenshots from a running demo (`npm run demo`):
 * `BASE_URL=http://localhost:3000 npx tsx scripts/screenshots.ts`.
 */
const base = process.env.BASE_URL ?? "http://localhost:3000";
const pages: [string, string, string][] = [
  ["shared-view", `/workflows/${seedId("workflow:refund-agent")}`, "light"],
  ["overview", "/", "light"],
  ["requests", "/requests?status=pending", "light"],
  ["identities", "/identities", "dark"],
  ["hooks", "/settings/hooks", "light"],
  ["audit", "/audit", "light"],
];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
for (const [name, path, theme] of pages) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, colorScheme: theme as "light" | "dark" });
  const page = await context.newPage();
  const { csrfToken } = (await (await page.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  await page.request.post(`${base}/api/auth/callback/dev`, { form: { csrfToken, email: "grace@example.com", json: "true" } });
  await page.goto(`${base}${path}`);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `docs/screenshots/${name}.png` });
  await context.close();
}
await browser.close();
