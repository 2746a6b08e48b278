import type {
  AUTONOMY_LEVELS,
  CLASSIFICATIONS,
  CREDENTIAL_KINDS,
  ENVIRONMENTS,
  NHI_KINDS,
  NHI_STATUSES,
  PROVIDERS,
  ROLES,
  SENSITIVITIES,
  WORKFLOW_STATUSES,
} from "../schema";

/**
 * The demo organisation as data. Row ids are `seedId("<table>:<key>")`, so a
 * test can name any row here: `seedId("nhi:refund-agent")`.
 *
 * Grants are written compactly: `"<data set key>:<actions>[!flag…]"` where the
 * actions are letters (r read, w write, d delete, a admin) and the flags are
 * jit, pending, denied, revoked or overdue (review date in the past).
 * Credentials are `[kind, issued days ago, expires in days (negative = past,
 * null = never), rotation period days, flags]` with flags e (scoped to the
 * NHI's first entitlement) and r (already rotated, replaced by the next one).
 */

export type UserKey = "alice" | "bob" | "carol" | "dave" | "erin" | "frank" | "grace" | "henry";
type Env = (typeof ENVIRONMENTS)[number];
export type CredentialSpec = [(typeof CREDENTIAL_KINDS)[number], number, number | null, number | null, string?];

export const DEMO_USERS: { key: UserKey; name: string; roles: (typeof ROLES)[number][]; deactivatedDaysAgo?: number }[] = [
  { key: "alice", name: "Alice Ng", roles: ["admin"] },
  { key: "bob", name: "Bob Ortiz", roles: ["business_owner"] },
  { key: "carol", name: "Carol Diaz", roles: ["business_owner"] },
  { key: "dave", name: "Dave Kim", roles: ["identity_owner"] },
  { key: "erin", name: "Erin Shah", roles: ["identity_owner"] },
  { key: "frank", name: "Frank Liu", roles: ["auditor"] },
  { key: "grace", name: "Grace Park", roles: ["business_owner", "identity_owner"] },
  // Left the company three weeks ago but still owns a workflow and an NHI (planted risk, OWASP NHI1).
  { key: "henry", name: "Henry Wu", roles: ["business_owner"], deactivatedDaysAgo: 21 },
];

type DataSetSpec = {
  key: string;
  name: string;
  system: string;
  sensitivity: (typeof SENSITIVITIES)[number];
  environment: Env;
  owner: UserKey;
  description: string;
};
const ds = (
  key: string,
  name: string,
  system: string,
  sensitivity: DataSetSpec["sensitivity"],
  environment: Env,
  owner: UserKey,
  description: string,
): DataSetSpec => ({ key, name, system, sensitivity, environment, owner, description });

export const DEMO_DATA_SETS: DataSetSpec[] = [
  ds("pii", "Customer PII", "Snowflake", "restricted", "prod", "bob", "Names, emails, addresses and phone numbers of every customer (CUSTOMERS.CORE schema)."),
  ds("tickets", "Support tickets", "Zendesk", "confidential", "prod", "carol", "Customer support conversations, including attachments and internal notes."),
  ds("ledger", "Payments ledger", "PostgreSQL (payments-db)", "restricted", "prod", "grace", "Card payments, refunds and chargebacks; the system of record for money movement."),
  ds("docs", "Product docs", "Confluence", "public", "prod", "carol", "Published product documentation and release notes."),
  ds("stg-pii", "Staging customer PII", "Snowflake", "restricted", "staging", "bob", "Nightly copy of Customer PII for integration testing; masking is partial."),
  ds("events", "Analytics events", "BigQuery", "internal", "dev", "grace", "Sampled product clickstream used to develop analytics models."),
  ds("crm", "CRM accounts", "Salesforce", "confidential", "prod", "bob", "Accounts, contacts, opportunities and call notes."),
  ds("invoices", "Vendor invoices", "NetSuite", "confidential", "prod", "grace", "Supplier invoices, purchase orders and goods receipts."),
  ds("repos", "Source repositories", "GitHub", "internal", "prod", "carol", "Application source code and pull requests in the acme organisation."),
  ds("hr", "Employee records", "Workday", "restricted", "prod", "grace", "Employee profiles, compensation and onboarding documents."),
  ds("mkt", "Marketing site content", "Contentful", "public", "prod", "carol", "Draft pages and blog posts before they are published to www."),
  ds("usage", "Product usage metrics", "BigQuery", "internal", "prod", "grace", "Daily per-account feature usage aggregated from the production event pipeline."),
  ds("fraud-dev", "Fraud model features", "PostgreSQL (ml-dev)", "internal", "dev", "grace", "Engineered features for the fraud-scoring model, rebuilt from sampled payments."),
];

export type WorkflowSpec = {
  key: string;
  name: string;
  purpose: string;
  business: UserKey;
  identity: UserKey;
  autonomy: (typeof AUTONOMY_LEVELS)[number];
  status: (typeof WORKFLOW_STATUSES)[number];
  vendor?: string;
  ageDays: number;
  maxJitTtlSeconds?: number;
  /** data set key → [actions, justification] */
  approved: Record<string, [string, string]>;
  escalation: UserKey[];
  exceptions: string[];
};

export const DEMO_WORKFLOWS: WorkflowSpec[] = [
  {
    key: "support-triage", name: "Support ticket triage", business: "carol", identity: "dave", autonomy: "automated",
    status: "active", vendor: "Acme AI Support", ageDays: 420,
    purpose: "Classifies every new support ticket by product area and urgency, drafts a first reply from the product docs and routes the ticket to the right queue. Agents review drafts before they are sent. Runs on the vendor-managed Acme AI Support platform.",
    approved: {
      tickets: ["rw", "Reads new tickets and writes tags, priority and a draft reply."],
      pii: ["r", "Looks up the customer's plan and region to route the ticket."],
      docs: ["r", "Grounds draft replies in the published documentation."],
      "stg-pii": ["r", "Regression tests of the routing model run against staging data."],
      crm: ["r", "Reads the account tier to apply the enterprise SLA."],
    },
    escalation: ["carol", "grace"],
    exceptions: ["Tickets tagged legal-hold are never modified; they go straight to a human agent.", "Refund requests over $500 are routed to the payments queue, not answered."],
  },
  {
    key: "refund-agent", name: "Refund resolution agent", business: "grace", identity: "erin", autonomy: "autonomous",
    status: "active", ageDays: 240, maxJitTtlSeconds: 900,
    purpose: "Resolves refund requests under $500 end to end: verifies the original charge in the payments ledger, issues the refund and replies to the customer. No human approves individual refunds; finance samples 5% weekly.",
    approved: {
      ledger: ["rw", "Verifies the original charge and records the refund."],
      tickets: ["rw", "Reads the request and posts the resolution to the customer."],
      pii: ["r", "Confirms the requester owns the charged account."],
      "stg-pii": ["rw", "End-to-end tests of the agent run in staging."],
      crm: ["r", "Checks whether the account is flagged for fraud review."],
    },
    escalation: ["grace", "bob", "carol"],
    exceptions: ["Refunds over $500 or a third refund in 30 days go to a human.", "Accounts flagged for fraud review are never refunded automatically.", "Chargebacks in dispute are read-only for the agent."],
  },
  {
    key: "sales-summaries", name: "Sales call summarisation", business: "bob", identity: "dave", autonomy: "assistive",
    status: "active", ageDays: 310,
    purpose: "Turns recorded sales calls into summaries, next steps and opportunity updates that the account executive confirms before they are saved to Salesforce. Saves reps about an hour a day of note-taking.",
    approved: {
      crm: ["rw", "Reads the opportunity and writes the confirmed summary and next steps."],
      pii: ["r", "Matches call participants to customer contacts."],
      docs: ["r", "Links answers to product questions to the docs."],
      usage: ["r", "Adds recent product usage to the call summary."],
    },
    escalation: ["bob"],
    exceptions: ["Calls marked confidential by the customer are not summarised."],
  },
  {
    key: "invoice-matching", name: "Invoice three-way matching", business: "grace", identity: "erin", autonomy: "automated",
    status: "active", ageDays: 500,
    purpose: "Matches supplier invoices to purchase orders and goods receipts and marks matching invoices ready for payment. Mismatches above 2% are queued for the accounts-payable team.",
    approved: {
      invoices: ["rw", "Reads invoices and POs; writes the match status."],
      ledger: ["r", "Checks that an invoice has not already been paid."],
      docs: ["r", "Reads the AP policy pages to explain mismatches."],
    },
    escalation: ["grace", "bob"],
    exceptions: ["Invoices from new suppliers (under 90 days) always go to a human."],
  },
  {
    key: "pr-review", name: "Pull request review assistant", business: "carol", identity: "dave", autonomy: "assistive",
    status: "active", ageDays: 200,
    purpose: "Comments on pull requests with likely bugs, missing tests and links to related support tickets. Engineers decide what to act on; the assistant never merges or approves.",
    approved: {
      repos: ["rw", "Reads the diff and posts review comments."],
      docs: ["r", "Checks that user-facing changes have documentation."],
      tickets: ["r", "Links bug reports that the change may fix."],
    },
    escalation: ["carol"],
    exceptions: [],
  },
  {
    key: "churn-prediction", name: "Churn prediction pipeline", business: "bob", identity: "erin", autonomy: "automated",
    status: "active", ageDays: 380,
    purpose: "Scores every account weekly for churn risk from product usage, support history and CRM data, and publishes the scores to the customer-success dashboard. Scores inform outreach; they never change an account.",
    approved: {
      usage: ["r", "Usage features for the churn model."],
      events: ["r", "Develops and validates new features on the sampled dev events."],
      pii: ["r", "Joins usage to customer accounts."],
      crm: ["r", "Contract dates and account owner."],
      tickets: ["r", "Support volume and sentiment features."],
      "stg-pii": ["r", "Backtests against the staging copy."],
    },
    escalation: ["bob", "grace"],
    exceptions: ["Accounts that opted out of profiling are excluded from scoring."],
  },
  {
    key: "marketing-copy", name: "Marketing copy drafts", business: "henry", identity: "dave", autonomy: "assistive",
    status: "active", ageDays: 290,
    purpose: "Drafts landing pages and blog posts from product docs and campaign briefs and saves them as drafts in Contentful. A marketer edits and publishes every piece.",
    approved: {
      mkt: ["rw", "Creates and updates draft entries."],
      docs: ["r", "Source material for product pages."],
      crm: ["r", "Segment sizes for campaign briefs."],
      usage: ["r", "Feature adoption numbers quoted in posts."],
    },
    escalation: ["henry", "carol"],
    exceptions: [],
  },
  {
    key: "hr-onboarding", name: "Employee onboarding assistant", business: "grace", identity: "erin", autonomy: "assistive",
    status: "draft", ageDays: 9,
    purpose: "Answers new hires' questions about benefits, equipment and first-week tasks from their Workday profile and the handbook. Proposed for the next hiring wave; not yet approved.",
    approved: {
      hr: ["r", "Reads the new hire's own profile and onboarding checklist."],
      docs: ["r", "Answers from the employee handbook."],
    },
    escalation: ["grace"],
    exceptions: ["Compensation questions are always handed to an HR partner."],
  },
  {
    key: "lead-enrichment", name: "Lead enrichment (legacy)", business: "bob", identity: "dave", autonomy: "automated",
    status: "retired", ageDays: 700,
    purpose: "Enriched inbound leads with firmographic data from Clearbit and wrote them to Salesforce. Replaced by the CRM vendor's built-in enrichment and retired.",
    approved: {
      crm: ["rw", "Wrote enriched fields to new leads."],
      usage: ["r", "Scored leads by product sign-up activity."],
      pii: ["r", "Matched leads to existing customers."],
    },
    escalation: ["bob"],
    exceptions: [],
  },
  {
    key: "fraud-backfill", name: "Fraud feature backfill", business: "grace", identity: "erin", autonomy: "automated",
    status: "suspended", ageDays: 150,
    purpose: "Rebuilds two years of fraud-model features from sampled payments so the data-science team can retrain the model. Suspended while the data-science team re-validates the feature definitions.",
    approved: {
      "fraud-dev": ["rw", "Writes the rebuilt feature tables."],
      events: ["r", "Session features for the model."],
    },
    escalation: ["grace", "carol"],
    exceptions: ["Runs only in the dev cluster; production writes are out of scope."],
  },
  {
    key: "kb-qa", name: "Knowledge-base Q&A", business: "carol", identity: "dave", autonomy: "assistive",
    status: "active", ageDays: 160,
    purpose: "Answers employees' product questions in Slack from the docs, resolved tickets and code, citing its sources. It cannot change anything it reads.",
    approved: {
      docs: ["r", "Primary source for answers."],
      tickets: ["r", "Resolved tickets show known issues and workarounds."],
      repos: ["r", "Answers implementation questions from code."],
      mkt: ["r", "Answers questions about upcoming launches."],
    },
    escalation: ["carol", "bob"],
    exceptions: [],
  },
];

export type NhiSpec = {
  name: string;
  kind: (typeof NHI_KINDS)[number];
  provider: (typeof PROVIDERS)[number];
  externalId: string;
  env: Env;
  cls: (typeof CLASSIFICATIONS)[number];
  owner: UserKey | null;
  usedDaysAgo: number | null;
  /** workflow key → grants; the NHI is bound to every workflow named here */
  grants: Record<string, string>;
  creds: CredentialSpec[];
  description: string;
  status?: (typeof NHI_STATUSES)[number];
  attributes?: Record<string, unknown>;
  humanUseDaysAgo?: number;
};

const AWS_PROD = "arn:aws:iam::412908771234";
const AWS_STAGING = "arn:aws:iam::587310226941";
const AZURE = "/subscriptions/8f3a1c52-6b7e-4d09-a1f4-2c5e9b7d3a60/resourceGroups";

export const DEMO_NHIS: NhiSpec[] = [
  { name: "acme-zendesk-client", kind: "oauth_client", provider: "okta", externalId: "0oa8f1acmeZd7Qp2x5d7", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.1,
    grants: { "support-triage": "tickets:rw docs:r crm:r pii:r!revoked" }, creds: [["client_secret", 210, 155, 365]], description: "OAuth client the Acme AI Support platform uses to call Zendesk on our behalf." },
  { name: "support-triage-agent", kind: "agent", provider: "aws", externalId: `${AWS_PROD}:role/support-triage-agent`, env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.02,
    grants: { "support-triage": "tickets:rw pii:r!jit docs:r crm:r!revoked" }, creds: [["token", 0.5, 0.04, null, "e"]], description: "Role the triage agent assumes in the support VPC." },
  { name: "support-snowflake-reader", kind: "service_account", provider: "snowflake", externalId: "ACME_PROD.SVC_SUPPORT_TRIAGE", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 1,
    grants: { "support-triage": "pii:r crm:r" }, creds: [["certificate", 150, 215, 365]], description: "Key-pair Snowflake user for customer look-ups." },
  { name: "acme-openai-key", kind: "api_key", provider: "openai", externalId: "proj_Ac3mS8upP0rt4Kq2/acme-support", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.01,
    grants: { "support-triage": "tickets:r docs:r pii:r!revoked" }, creds: [["api_key", 95, null, 90]], description: "Project key the vendor uses for reply drafting." },
  { name: "support-triage-staging", kind: "agent", provider: "aws", externalId: `${AWS_STAGING}:role/support-triage-agent`, env: "staging", cls: "utility", owner: "dave", usedDaysAgo: 3,
    grants: { "support-triage": "stg-pii:r tickets:r!denied" }, creds: [], description: "Staging twin of the triage agent role." },
  { name: "refund-agent", kind: "agent", provider: "aws", externalId: `${AWS_PROD}:role/refund-agent`, env: "prod", cls: "privileged", owner: "erin", usedDaysAgo: 0.01,
    grants: { "refund-agent": "ledger:rw!jit tickets:rw!jit pii:r!jit crm:r!jit" }, creds: [["token", 0.01, 0.01, null, "e"]], description: "The autonomous refund agent's own identity." },
  // ASI03: a utility identity with a standing (non-JIT) write grant inside an autonomous workflow.
  { name: "refund-ledger-writer", kind: "service_account", provider: "gcp", externalId: "refund-ledger-writer@payments-prod-4821.iam.gserviceaccount.com", env: "prod", cls: "utility", owner: "erin", usedDaysAgo: 0.2,
    grants: { "refund-agent": "ledger:rw pii:r" }, creds: [["api_key", 410, null, 90, "r"], ["api_key", 320, null, 90]], description: "Writes refund rows to the ledger for the refund agent." },
  { name: "refund-zendesk-bot", kind: "bot", provider: "okta", externalId: "0oa7rfndZbot9Lk3x5d7", env: "prod", cls: "privileged", owner: "erin", usedDaysAgo: 0.3,
    grants: { "refund-agent": "tickets:rw!jit pii:r!pending crm:r!denied" }, creds: [["client_secret", 40, 325, 180]], description: "Posts refund confirmations to customers." },
  { name: "refund-agent-staging", kind: "agent", provider: "aws", externalId: `${AWS_STAGING}:role/refund-agent`, env: "staging", cls: "utility", owner: "erin", usedDaysAgo: 2,
    grants: { "refund-agent": "stg-pii:rw!jit ledger:r!denied" }, creds: [], description: "Staging twin of the refund agent." },
  { name: "refund-payments-api", kind: "api_key", provider: "custom", externalId: "stripe:restricted-key/refund-agent", env: "prod", cls: "privileged", owner: "erin", usedDaysAgo: 0.1,
    grants: { "refund-agent": "ledger:rw!jit crm:r" }, creds: [["api_key", 85, null, 90]], description: "Restricted payment-processor key limited to refunds." },
  { name: "sales-summarizer", kind: "workload", provider: "azure", externalId: `${AZURE}/rg-sales-ai/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-sales-summarizer`, env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.1,
    grants: { "sales-summaries": "crm:rw pii:r docs:r usage:r" }, creds: [], description: "Managed identity of the summarisation function app." },
  // NHI7: a prod API key issued ~700 days ago that never expires and was never rotated.
  { name: "sales-openai", kind: "api_key", provider: "openai", externalId: "proj_S4l3sSumm8Hd3Rt2/sales-summaries", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.05,
    grants: { "sales-summaries": "crm:r docs:r pii:r!revoked" }, creds: [["api_key", 700, null, null]], description: "Model access for call summaries." },
  { name: "sales-crm-sync", kind: "oauth_client", provider: "okta", externalId: "0oa5s4lesCrm2Wq8x5d7", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.5,
    grants: { "sales-summaries": "crm:rw pii:r!overdue usage:r!overdue" }, creds: [["client_secret", 380, -15, 365, "r"], ["client_secret", 14, 351, 365]], description: "Salesforce connected app that saves confirmed summaries." },
  { name: "sales-gong-connector", kind: "oauth_client", provider: "custom", externalId: "gong:oauth-app/acme-sales-summaries", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.2,
    grants: { "sales-summaries": "crm:r pii:r docs:r usage:r" }, creds: [["client_secret", 330, 35, 365]], description: "Pulls call recordings and transcripts." },
  { name: "invoice-matcher", kind: "service_account", provider: "aws", externalId: `${AWS_PROD}:role/invoice-matcher`, env: "prod", cls: "utility", owner: "erin", usedDaysAgo: 0.1,
    grants: { "invoice-matching": "invoices:rw ledger:r docs:r" }, creds: [], description: "Lambda execution role of the matcher." },
  // Unused for ~120 days yet still holds an active write grant.
  { name: "netsuite-integration", kind: "oauth_client", provider: "okta", externalId: "0oa3nEtsu1te6Hy4x5d7", env: "prod", cls: "privileged", owner: "erin", usedDaysAgo: 120,
    grants: { "invoice-matching": "invoices:rw ledger:r!revoked" }, creds: [["certificate", 300, 65, 365]], description: "Token-based-auth integration record in NetSuite." },
  // NHI10: an IAM user with console password enabled and interactive sign-ins seen.
  { name: "svc-finance-export", kind: "service_account", provider: "aws", externalId: `${AWS_PROD}:user/svc-finance-export`, env: "prod", cls: "utility", owner: "erin", usedDaysAgo: 1,
    grants: { "invoice-matching": "invoices:r ledger:r!overdue docs:r" }, creds: [["api_key", 540, null, 90]], description: "IAM user that exports matched invoices to the finance bucket.",
    attributes: { passwordEnabled: true, mfaActive: false, accessKeyCount: 1 }, humanUseDaysAgo: 6 },
  // NHI1 (orphaned): nobody owns this identity.
  { name: "legacy-etl-snowflake", kind: "service_account", provider: "snowflake", externalId: "ACME_PROD.SVC_LEGACY_ETL", env: "prod", cls: "utility", owner: null, usedDaysAgo: 200,
    grants: { "invoice-matching": "invoices:r ledger:r" }, creds: [["certificate", 935, -200, null]], description: "Nightly ETL user from the previous data platform." },
  { name: "invoice-ocr", kind: "service_account", provider: "gcp", externalId: "invoice-ocr@finance-prod-7730.iam.gserviceaccount.com", env: "prod", cls: "utility", owner: "erin", usedDaysAgo: 0.4,
    grants: { "invoice-matching": "invoices:r docs:r ledger:r" }, creds: [["api_key", 12, 353, 90]], description: "Calls Document AI to read scanned invoices." },
  { name: "sftp-bank-statements", kind: "service_account", provider: "custom", externalId: "sftp:bank-statements@sftp.acme-bank.example", env: "prod", cls: "utility", owner: "erin", usedDaysAgo: 1,
    grants: { "invoice-matching": "ledger:r invoices:r" }, creds: [["ssh_key", 420, null, 365]], description: "Fetches daily bank statements for payment confirmation." },
  { name: "pr-review-app", kind: "bot", provider: "github", externalId: "app:418227 (acme-pr-review-assistant)", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.05,
    grants: { "pr-review": "repos:rw docs:r tickets:r" }, creds: [["certificate", 160, null, 180]], description: "GitHub App that posts review comments." },
  { name: "pr-review-openai", kind: "api_key", provider: "openai", externalId: "proj_Pr8Rev1ew2Kx7Tq4/pr-review", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.05,
    grants: { "pr-review": "repos:r tickets:r docs:r" }, creds: [["api_key", 60, null, 90]], description: "Model access for code review." },
  { name: "pr-review-runner", kind: "workload", provider: "kubernetes", externalId: "system:serviceaccount:dev-tools:pr-review-runner", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.05,
    grants: { "pr-review": "repos:r tickets:r docs:r" }, creds: [["token", 400, null, null]], description: "Pod identity that checks out code for review." },
  // NHI8: a prod identity with grants on prod customer PII and on dev analytics data.
  { name: "churn-pipeline", kind: "service_account", provider: "gcp", externalId: "churn-pipeline@analytics-prod-2291.iam.gserviceaccount.com", env: "prod", cls: "utility", owner: "erin", usedDaysAgo: 0.3,
    grants: { "churn-prediction": "pii:r events:r crm:r tickets:r usage:r" }, creds: [["api_key", 200, null, 90, "r"], ["api_key", 110, null, 90]], description: "Runs the weekly scoring job in Vertex AI." },
  { name: "churn-bq-dev", kind: "service_account", provider: "gcp", externalId: "churn-dev@analytics-dev-5160.iam.gserviceaccount.com", env: "dev", cls: "utility", owner: "erin", usedDaysAgo: 140,
    grants: { "churn-prediction": "events:r crm:r!denied" }, creds: [["api_key", 300, null, null]], description: "Model development in the dev project." },
  { name: "churn-feature-store", kind: "workload", provider: "kubernetes", externalId: "system:serviceaccount:ml-platform:churn-feature-store", env: "prod", cls: "utility", owner: "erin", usedDaysAgo: 0.5,
    grants: { "churn-prediction": "usage:r crm:r pii:r!jit" }, creds: [], description: "Materialises churn features." },
  { name: "analytics-notebook-dev", kind: "service_account", provider: "gcp", externalId: "notebook-runner@analytics-dev-5160.iam.gserviceaccount.com", env: "dev", cls: "utility", owner: "erin", usedDaysAgo: null,
    grants: { "churn-prediction": "events:r pii:r!denied" }, creds: [["api_key", 45, null, null]], description: "Shared notebook identity; never used since creation." },
  { name: "churn-dbt-runner", kind: "workload", provider: "kubernetes", externalId: "system:serviceaccount:analytics:dbt-runner", env: "prod", cls: "utility", owner: "erin", usedDaysAgo: 0.4,
    grants: { "churn-prediction": "usage:r crm:r tickets:r" }, creds: [], description: "dbt models that feed the churn features." },
  // NHI1: owned by Henry, who has been deactivated.
  { name: "marketing-copy-bot", kind: "bot", provider: "azure", externalId: `${AZURE}/rg-marketing/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-marketing-copy`, env: "prod", cls: "utility", owner: "henry", usedDaysAgo: 2,
    grants: { "marketing-copy": "mkt:rw docs:r crm:r usage:r" }, creds: [], description: "Drafting bot behind the marketing Slack command." },
  { name: "contentful-publisher", kind: "api_key", provider: "custom", externalId: "contentful:space/acme-www/cma-token/marketing-copy", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 2,
    grants: { "marketing-copy": "mkt:rw docs:r" }, creds: [["api_key", 260, 105, 365]], description: "Content-management token for saving drafts." },
  { name: "marketing-openai", kind: "api_key", provider: "openai", externalId: "proj_Mkt9Cpy3Lw2Qe5Ns/marketing-copy", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 4,
    grants: { "marketing-copy": "docs:r mkt:r usage:r crm:r!pending" }, creds: [["api_key", 30, null, 90]], description: "Model access for drafting copy." },
  { name: "onboarding-assistant", kind: "agent", provider: "okta", externalId: "0oa2onb0ardAs7Rt1x5d7", env: "prod", cls: "utility", owner: "erin", usedDaysAgo: null,
    grants: { "hr-onboarding": "hr:r!pending docs:r!pending" }, creds: [], description: "Agent identity proposed for the onboarding assistant." },
  { name: "onboarding-workday", kind: "oauth_client", provider: "okta", externalId: "0oa6w0rkdayHr4Mn8x5d7", env: "prod", cls: "utility", owner: "erin", usedDaysAgo: null,
    grants: { "hr-onboarding": "hr:r!pending" }, creds: [], description: "Workday API client for new-hire profiles." },
  { name: "lead-enrichment-legacy", kind: "service_account", provider: "aws", externalId: `${AWS_PROD}:role/lead-enrichment`, env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 50, status: "decommissioned",
    grants: { "lead-enrichment": "crm:rw usage:r pii:r" }, creds: [], description: "Execution role of the retired enrichment job." },
  { name: "clearbit-api-key", kind: "api_key", provider: "custom", externalId: "clearbit:key/lead-enrichment", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 48, status: "decommissioned",
    grants: { "lead-enrichment": "crm:w pii:r" }, creds: [["api_key", 500, null, null]], description: "Enrichment vendor key, revoked at retirement." },
  { name: "fraud-backfill-job", kind: "workload", provider: "kubernetes", externalId: "system:serviceaccount:fraud-ml:feature-backfill", env: "dev", cls: "utility", owner: "erin", usedDaysAgo: 25, status: "suspended",
    grants: { "fraud-backfill": "fraud-dev:rw events:r" }, creds: [["token", 90, null, null]], description: "Backfill job in the dev cluster." },
  { name: "fraud-snowflake-dev", kind: "service_account", provider: "snowflake", externalId: "ACME_DEV.SVC_FRAUD_BACKFILL", env: "dev", cls: "utility", owner: "erin", usedDaysAgo: 25,
    grants: { "fraud-backfill": "fraud-dev:rw events:r" }, creds: [["certificate", 120, 245, 365]], description: "Dev warehouse user for feature tables." },
  { name: "kb-qa-agent", kind: "agent", provider: "gcp", externalId: "kb-qa-agent@kb-prod-1187.iam.gserviceaccount.com", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.02,
    grants: { "kb-qa": "docs:r tickets:r mkt:r repos:r" }, creds: [], description: "Slack Q&A agent." },
  { name: "kb-indexer", kind: "workload", provider: "kubernetes", externalId: "system:serviceaccount:ai-platform:kb-indexer", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.1,
    grants: { "kb-qa": "docs:r repos:r tickets:r mkt:r" }, creds: [["token", 1, 0.04, null, "e"]], description: "Builds the vector index nightly." },
  { name: "kb-confluence-reader", kind: "oauth_client", provider: "okta", externalId: "0oa4kbC0nfl7Rd2Px5d7", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.1,
    grants: { "kb-qa": "docs:r mkt:r tickets:r!revoked" }, creds: [["client_secret", 175, 5, 180]], description: "Reads Confluence spaces for the index." },
  // NHI9: one shared runner identity serves three workflows.
  { name: "ai-platform-runner", kind: "workload", provider: "kubernetes", externalId: "system:serviceaccount:ai-platform:agent-runner", env: "prod", cls: "utility", owner: "dave", usedDaysAgo: 0.01,
    grants: { "support-triage": "tickets:r docs:r", "sales-summaries": "crm:r docs:r", "kb-qa": "docs:r tickets:r repos:r" }, creds: [["token", 30, 335, null]], description: "Default service account of the shared agent runtime." },
  { name: "terraform-ci", kind: "service_account", provider: "aws", externalId: `${AWS_PROD}:role/terraform-ci`, env: "prod", cls: "privileged", owner: "dave", usedDaysAgo: 1,
    grants: {}, creds: [], description: "Applies infrastructure changes from CI." },
  { name: "datadog-integration", kind: "service_account", provider: "aws", externalId: `${AWS_PROD}:role/DatadogIntegrationRole`, env: "prod", cls: "utility", owner: "erin", usedDaysAgo: 0.01,
    grants: {}, creds: [], description: "Read-only monitoring integration." },
  { name: "backup-operator", kind: "workload", provider: "azure", externalId: `${AZURE}/rg-platform/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-backup-operator`, env: "prod", cls: "privileged", owner: "erin", usedDaysAgo: null,
    grants: {}, creds: [], description: "Provisioned for the backup vault; never used." },
];
