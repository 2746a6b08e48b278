import http from "node:http";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { createEntitlement, createWorkflow } from "@/db/seed/factories";
import { users } from "@/db/schema";
import { ORIGIN, USERS, expect, test } from "./fixtures";

const RECEIVER_PORT = 3999; // allowlisted for the app under test by scripts/e2e-server.ts

type Received = { headers: http.IncomingHttpHeaders; body: string };

function startReceiver(): Promise<{ received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(RECEIVER_PORT, "127.0.0.1", () => resolve({ received, close: () => new Promise((r) => server.close(() => r())) })),
  );
}

test.describe("[REVOCATION] one-click revoke from the shared view", () => {
  test("an identity owner revokes, undoes and revokes again; the hook receiver gets signed events", async ({ page, signInAs, database }) => {
    const receiver = await startReceiver();
    try {
      const { db } = database;
      const [dave] = await db.select().from(users).where(eq(users.email, USERS.identityOwner));
      const [bob] = await db.select().from(users).where(eq(users.email, USERS.businessOwner));
      const suffix = Date.now().toString(36);
      const workflow = await createWorkflow(db, { name: `Quote drafting ${suffix}`, status: "active", businessOwnerId: bob!.id, identityOwnerId: dave!.id });
      const grant = await createEntitlement(db, { workflowId: workflow.id });

      await signInAs(USERS.identityOwner);
      const created = await page.request.post("/api/v1/hooks", {
        data: { name: `IAM gateway ${suffix}`, url: `http://127.0.0.1:${RECEIVER_PORT}/revocations`, events: ["entitlement.revoked", "entitlement.restored"] },
        headers: { origin: ORIGIN },
      });
      expect(created.status()).toBe(201);
      const secret = (await created.json()).secret as string;

      await page.goto(`/workflows/${workflow.id}`);
      await expect(page.getByRole("heading", { name: "Four questions" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Access map" })).toBeVisible();
      const table = page.locator("section", { has: page.getByRole("heading", { name: "Entitlements", exact: true }) });
      const row = table.getByRole("row").filter({ has: page.getByRole("button", { name: "Revoke" }) }).first();
      await expect(row).toContainText("Active");

      await row.getByRole("button", { name: "Revoke" }).click();
      const revokedRow = table.getByRole("row").filter({ hasText: "Revoked" }).first();
      await expect(revokedRow).toBeVisible();
      await page.getByRole("button", { name: "Undo" }).click();
      await expect(table.getByRole("row").filter({ hasText: "Active" }).first()).toBeVisible();
      await expect(table.getByRole("button", { name: "Revoke" }).first()).toBeVisible();
      await table.getByRole("button", { name: "Revoke" }).first().click();
      await expect(table.getByRole("row").filter({ hasText: "Revoked" }).first()).toBeVisible();

      // The worker inside the app delivers from the outbox: revoked, restored, revoked.
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
      const verifier = new Webhook(secret);
      const events = receiver.received.map((r) => verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; affected: { entitlements: string[] } });
      expect(events.map((e) => e.type).sort()).toEqual(["entitlement.restored", "entitlement.revoked", "entitlement.revoked"]);
      expect(events.every((e) => e.affected.entitlements.includes(grant.id))).toBe(true);
      expect(() => new Webhook(`whsec_${Buffer.from("x".repeat(24)).toString("base64")}`).verify(receiver.received[0]!.body, receiver.received[0]!.headers as Record<string, string>)).toThrow();
    } finally {
      await receiver.close();
    }
  });
});
