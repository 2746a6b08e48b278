import { eq } from "drizzle-orm";
import { createDataSet, createNhi, createWorkflow } from "@/db/seed/factories";
import { users } from "@/db/schema";
import { USERS, expect, selectByText, signIn, test } from "./fixtures";

test.describe("[REQUESTS] dual control", () => {
  test("a request made by one user is approved by the business owner and an identity owner in their own sessions, and becomes active", async ({
    page,
    browser,
    database,
  }) => {
    const { db } = database;
    const byEmail = async (email: string) => (await db.select().from(users).where(eq(users.email, email)))[0]!;
    const [bob, dave] = [await byEmail(USERS.businessOwner), await byEmail(USERS.identityOwner)];
    const suffix = Date.now().toString(36);
    const dataSet = await createDataSet(db, { name: `Renewal forecasts ${suffix}`, sensitivity: "internal", environment: "prod" });
    const workflow = await createWorkflow(db, {
      name: `Renewal forecasting ${suffix}`,
      status: "active",
      businessOwnerId: bob.id,
      identityOwnerId: dave.id,
      dataSets: [{ dataSetId: dataSet.id, actions: ["read"], justification: "Reads last quarter's forecasts." }],
    });
    const nhi = await createNhi(db, { name: `forecast-bot-${suffix}`, provider: "gcp", classification: "utility", status: "active" });

    // Erin (identity owner) asks for access from the NHI page.
    await signIn(page, USERS.identityOwner2);
    await page.goto(`/identities/${nhi.id}`);
    await page.getByRole("button", { name: "Request access" }).click();
    const dialog = page.getByRole("dialog", { name: "Request access" });
    await selectByText(dialog.getByLabel("Workflow"), workflow.name);
    await selectByText(dialog.getByLabel("Data set"), dataSet.name);
    await dialog.getByRole("group", { name: "Actions" }).getByRole("checkbox", { name: "Read" }).check();
    await dialog.getByLabel("Justification").fill("Forecast bot needs last quarter's numbers to train.");
    await dialog.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByText("Request sent").first()).toBeVisible();

    // Bob signs the business side in his own session.
    const bobContext = await browser.newContext();
    const bobPage = await bobContext.newPage();
    await signIn(bobPage, USERS.businessOwner);
    await bobPage.goto("/requests");
    const bobRow = bobPage.getByRole("listitem").filter({ hasText: nhi.name });
    await bobRow.getByRole("button", { name: "Approve business side" }).click();
    // The toast, not the optimistic "signed" mark: closing the session before the action returns would abort it.
    await expect(bobPage.getByText("Business side approved; waiting for the identity side")).toBeVisible();
    await bobContext.close();

    // Dave signs the identity side in his.
    const daveContext = await browser.newContext();
    const davePage = await daveContext.newPage();
    await signIn(davePage, USERS.identityOwner);
    await davePage.goto("/requests");
    const daveRow = davePage.getByRole("listitem").filter({ hasText: nhi.name });
    await daveRow.getByRole("button", { name: "Approve identity side" }).click();
    await expect(davePage.getByText(`Approved: ${nhi.name} now has read on ${dataSet.name}`)).toBeVisible();
    await daveContext.close();

    // The requester sees it active.
    await page.goto(`/identities/${nhi.id}`);
    await expect(page.getByRole("row", { name: new RegExp(dataSet.name) })).toContainText("Active");
  });

  test("nobody approves their own request", async ({ page, signInAs }) => {
    await signInAs(USERS.both);
    await page.goto("/requests?inbox=requested");
    await expect(page.getByRole("button", { name: /Approve/ })).toHaveCount(0);
  });
});
