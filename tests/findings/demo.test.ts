import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { seedDemo } from "@/db/seed/demo";
import { seedId } from "@/db/seed/ids";
import { auditEvents, findings } from "@/db/schema";

/** The open findings of a seeded target, by rule. */
async function rulesOn(targetId: string) {
  const rows = await db.select().from(findings).where(and(eq(findings.targetId, targetId), ne(findings.status, "resolved")));
  return rows.map((r) => r.ruleId);
}

describe("[FINDINGS] demo seed", () => {
  beforeAll(async () => {
    expect((await seedDemo(db)).seeded).toBe(true);
  });

  it("shows a finding for every planted risk (db/seed/demo-data.ts comments), owned as invariant 6 says", async () => {
    // Henry left: his workflow and NHI are orphaned.
    expect(await rulesOn(seedId("workflow:marketing-copy"))).toContain("orphaned-workflow");
    expect(await rulesOn(seedId("nhi:marketing-copy-bot"))).toContain("orphaned-nhi");
    const [henryWorkflow] = await db.select().from(findings).where(eq(findings.targetId, seedId("workflow:marketing-copy")));
    expect(henryWorkflow!.ownerId).toBe(seedId("user:dave")); // the identity side's owner
    // Nobody owns the legacy ETL identity; it is also unused.
    expect(await rulesOn(seedId("nhi:legacy-etl-snowflake"))).toContain("orphaned-nhi");
    // ASI03: a utility identity with standing write access in the autonomous refund agent.
    expect(await rulesOn(seedId("workflow:refund-agent"))).toContain("autonomous-on-utility-or-standing-write");
    // NHI7: the 700-day never-expiring OpenAI key.
    expect(await rulesOn(seedId("credential:sales-openai/0"))).toContain("credential-long-lived");
    // Unused for ~120 days yet holding an active write grant.
    expect(await rulesOn(seedId("entitlement:netsuite-integration/invoice-matching/invoices"))).toContain("entitlement-unused");
    // NHI10: console password and interactive sign-ins.
    expect(await rulesOn(seedId("nhi:svc-finance-export"))).toContain("nhi-human-use");
    // ... and its static AWS access key, where AWS supports federation (NHI4/NHI6), overdue for rotation.
    expect(await rulesOn(seedId("credential:svc-finance-export/0"))).toEqual(
      expect.arrayContaining(["static-key-where-federation", "credential-rotation-overdue", "credential-long-lived"]),
    );
    // NHI8: prod PII and dev analytics on one identity.
    expect(await rulesOn(seedId("nhi:churn-pipeline"))).toContain("nhi-prod-and-nonprod");
    // NHI9: the shared agent runner.
    expect(await rulesOn(seedId("nhi:ai-platform-runner"))).toContain("nhi-shared-across-workflows");
    // Vendor-run triage on restricted customer PII.
    expect(await rulesOn(seedId("workflow:support-triage"))).toContain("vendor-workflow-exposure");
    // Suspended backfill still holding active grants.
    expect(await rulesOn(seedId("workflow:fraud-backfill"))).toContain("access-on-inactive-workflow");
    // Reviews flagged overdue.
    expect(await rulesOn(seedId("entitlement:sales-crm-sync/sales-summaries/pii"))).toContain("review-overdue");
    // Identities provisioned for no workflow.
    expect(await rulesOn(seedId("nhi:backup-operator"))).toContain("nhi-without-workflow");
  });

  it("records the seed's refresh in the audit trail", async () => {
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "findings.refreshed"));
    expect(event).toMatchObject({ actorLabel: "system:seed" });
    expect((event!.after as { opened: number }).opened).toBeGreaterThan(20);
  });
});
