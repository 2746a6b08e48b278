import { type APIRequestContext, type BrowserContext, chromium, request } from "@playwright/test";
import { seedId } from "@/db/seed/ids";

/**
 * Refreshes the README screenshots from a running demo (`npm run demo`):
 * `BASE_URL=http://localhost:3000 npx tsx scripts/screenshots.ts`.
 *
 * Before taking them it puts an access-review campaign in flight through the
 * public API, the way an admin and reviewers would (create, launch, a few
 * decisions), so the campaign page has progress to show. Re-running reuses
 * the campaign it created the first time. `ONLY=reviews,campaign` takes just
 * those screenshots.
 */
const base = process.env.BASE_URL ?? "http://localhost:3000";
const CAMPAIGN_NAME = "Q4 review: sensitive data";
const DAY_MS = 86_400_000;

/**
 * `around`: ids of card headings; the shot is cropped to those cards (with a margin) instead of the viewport.
 * `waitFor`: a selector that appears once client-side content (charts measure their size first) has drawn.
 */
type Shot = { name: string; path: string; user: string; theme?: "light" | "dark"; height?: number; around?: string[]; waitFor?: string };

/** Signs a request context or a browser context in through the development sign-in. */
async function signIn(api: APIRequestContext, email: string) {
  const { csrfToken } = (await (await api.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await api.post(`${base}/api/auth/callback/dev`, { form: { csrfToken, email, json: "true" } });
  if (!res.ok()) throw new Error(`sign-in as ${email} failed: ${res.status()}`);
}

/**
 * An API session for one user. Cookie-authenticated writes must be same-origin
 * (lib/server/route.ts), so every request carries our own Origin.
 */
async function session(email: string): Promise<APIRequestContext> {
  const api = await request.newContext({ extraHTTPHeaders: { origin: base } });
  await signIn(api, email);
  return api;
}

async function call<T>(api: APIRequestContext, method: "GET" | "POST", path: string, data?: unknown): Promise<T> {
  const res = await api.fetch(`${base}${path}`, { method, data });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

type ReviewPage = { items: { id: string; stage: string; campaign: { id: string } | null }[] };

/** The caller's pending items of the campaign at one stage. */
async function myItems(api: APIRequestContext, campaignId: string, stage: string) {
  const page = await call<ReviewPage>(api, "GET", `/api/v1/reviews?reviewer=me&status=pending&campaignId=${campaignId}&limit=100`);
  return page.items.filter((i) => i.stage === stage).map((i) => i.id);
}

/** Creates and launches the demo campaign (alice, admin), then has reviewers decide part of it. */
async function campaignInFlight(): Promise<string> {
  const alice = await session("alice@example.com");
  const existing = await call<{ items: { id: string; name: string; status: string }[] }>(alice, "GET", "/api/v1/campaigns?limit=100");
  const found = existing.items.find((c) => c.name === CAMPAIGN_NAME && c.status !== "draft");
  if (found) return found.id;

  const campaign = await call<{ id: string }>(alice, "POST", "/api/v1/campaigns", {
    name: CAMPAIGN_NAME,
    description: "Every grant on confidential or restricted data, certified by the business owner, then the identity owner.",
    scope: { sensitivity: ["confidential", "restricted"] },
    dueAt: new Date(Date.now() + 21 * DAY_MS).toISOString(),
    nonResponse: "revoke",
  });
  await call(alice, "POST", `/api/v1/campaigns/${campaign.id}/launch`, { reason: "Quarterly certification" });

  // First stage: two business owners certify part of their items (the least risky: the queue lists the riskiest
  // first, so bob's screenshot still shows them), one revokes a grant the task no longer needs.
  const bob = await session("bob@example.com");
  await call(bob, "POST", "/api/v1/reviews/decisions", { itemIds: (await myItems(bob, campaign.id, "business_owner")).slice(-8), decision: "certify" });
  const carol = await session("carol@example.com");
  const carolItems = await myItems(carol, campaign.id, "business_owner");
  await call(carol, "POST", "/api/v1/reviews/decisions", { itemIds: carolItems.slice(0, 5), decision: "certify" });
  if (carolItems[5]) {
    await call(carol, "POST", `/api/v1/reviews/${carolItems[5]}/decision`, { decision: "revoke", rationale: "The report no longer reads this data set." });
  }
  // Second stage: the identity owners certify what reached them, so part of the population is fully resolved.
  for (const email of ["dave@example.com", "erin@example.com", "grace@example.com"]) {
    const owner = await session(email);
    const ids = await myItems(owner, campaign.id, "identity_owner");
    if (ids.length) await call(owner, "POST", "/api/v1/reviews/decisions", { itemIds: ids, decision: "certify" });
    await owner.dispose();
  }
  await Promise.all([alice.dispose(), bob.dispose(), carol.dispose()]);
  return campaign.id;
}

const campaignId = await campaignInFlight();

const shots: Shot[] = [
  { name: "shared-view", path: `/workflows/${seedId("workflow:refund-agent")}`, user: "grace@example.com" },
  { name: "overview", path: "/", user: "grace@example.com" },
  {
    name: "overview-charts",
    path: "/",
    user: "grace@example.com",
    around: ["credential-age-heading", "revocation-confirmation-heading"],
    waitFor: ".recharts-bar-rectangle",
  },
  { name: "requests", path: "/requests?status=pending", user: "grace@example.com" },
  { name: "identities", path: "/identities", user: "grace@example.com", theme: "dark" },
  { name: "hooks", path: "/settings/hooks", user: "grace@example.com" },
  { name: "audit", path: "/audit", user: "grace@example.com" },
  // A business owner with cadence and campaign items waiting.
  { name: "reviews", path: "/reviews", user: "bob@example.com" },
  { name: "campaign", path: `/campaigns/${campaignId}`, user: "alice@example.com", height: 1300, waitFor: ".recharts-line path" },
  { name: "findings", path: "/findings", user: "grace@example.com" },
  { name: "frameworks", path: "/frameworks", user: "frank@example.com" },
];

const only = process.env.ONLY?.split(",");
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
for (const shot of shots.filter((s) => !only || only.includes(s.name))) {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1440, height: shot.height ?? 1000 }, colorScheme: shot.theme ?? "light" });
  const page = await context.newPage();
  await signIn(page.request, shot.user);
  await page.goto(`${base}${shot.path}`);
  await page.waitForLoadState("networkidle");
  if (shot.waitFor) await page.locator(shot.waitFor).first().waitFor({ state: "attached", timeout: 15_000 });
  const file = `docs/screenshots/${shot.name}.png`;
  if (shot.around) {
    const boxes = await Promise.all(shot.around.map((id) => page.locator(`[id="${id}"]`).locator("xpath=ancestor::section/..").first().boundingBox()));
    const found = boxes.filter((b) => b !== null);
    if (found.length !== shot.around.length) throw new Error(`${shot.name}: not every card of ${shot.around.join(", ")} is on ${shot.path}`);
    const margin = 16;
    const x = Math.min(...found.map((b) => b.x)) - margin;
    const y = Math.min(...found.map((b) => b.y)) - margin;
    const width = Math.max(...found.map((b) => b.x + b.width)) + margin - x;
    const height = Math.max(...found.map((b) => b.y + b.height)) + margin - y;
    await page.screenshot({ path: file, fullPage: true, clip: { x, y, width, height } });
  } else {
    await page.screenshot({ path: file });
  }
  await context.close();
}
await browser.close();
