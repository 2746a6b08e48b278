import { pgEnum } from "drizzle-orm/pg-core";

// Value lists live here once; lib/validation re-uses them so the API, the
// forms and the database can never disagree about what a valid value is.
export const ROLES = ["business_owner", "identity_owner", "auditor", "admin"] as const;
export const SENSITIVITIES = ["public", "internal", "confidential", "restricted"] as const;
export const ENVIRONMENTS = ["prod", "staging", "dev"] as const;
export const AUTONOMY_LEVELS = ["assistive", "automated", "autonomous"] as const;
export const WORKFLOW_STATUSES = ["draft", "active", "suspended", "retired"] as const;
export const DATA_ACTIONS = ["read", "write", "delete", "admin"] as const;
export const NHI_KINDS = ["service_account", "api_key", "oauth_client", "agent", "bot", "workload"] as const;
export const PROVIDERS = ["aws", "gcp", "azure", "kubernetes", "github", "okta", "openai", "snowflake", "custom"] as const;
export const CLASSIFICATIONS = ["utility", "privileged"] as const;
export const NHI_STATUSES = ["active", "suspended", "decommissioned"] as const;
export const ENTITLEMENT_STATUSES = ["pending", "active", "revoked", "expired", "denied"] as const;
export const EXCEPTION_STATUSES = ["pending", "approved", "denied", "revoked"] as const;
export const CREDENTIAL_KINDS = ["api_key", "client_secret", "certificate", "ssh_key", "token", "jit_token"] as const;
export const CREDENTIAL_STATUSES = ["active", "rotated", "revoked", "expired"] as const;
export const API_KEY_SCOPES = ["read", "write", "authorize", "import", "admin"] as const;
export const HOOK_FORMATS = ["standard-webhooks", "caep-set"] as const;
export const HOOK_EVENT_TYPES = [
  "entitlement.revoked",
  "entitlement.restored",
  "credential.revoked",
  "identity.revoked",
  "workflow.retired",
  "workflow.revoked_all",
] as const;
export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export const REVOCATION_TARGETS = ["entitlement", "credential", "identity", "workflow"] as const;
export const CAMPAIGN_STATUSES = ["draft", "active", "closed"] as const;
export const NON_RESPONSE_POLICIES = ["keep", "revoke"] as const;
export const REVIEW_STAGES = ["business_owner", "identity_owner"] as const;
export const REVIEW_ITEM_STATUSES = ["pending", "decided", "closed"] as const;
export const REVIEW_DECISIONS = ["certify", "revoke", "modify", "delegate", "non_response"] as const;
export const FINDING_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const FINDING_STATUSES = ["open", "accepted", "resolved"] as const;
export const POLICY_STATUSES = ["draft", "active", "archived"] as const;
export const ACTOR_TYPES = ["user", "api_key", "system"] as const;

export const roleEnum = pgEnum("role", ROLES);
export const sensitivityEnum = pgEnum("sensitivity", SENSITIVITIES);
export const environmentEnum = pgEnum("environment", ENVIRONMENTS);
export const autonomyEnum = pgEnum("autonomy", AUTONOMY_LEVELS);
export const workflowStatusEnum = pgEnum("workflow_status", WORKFLOW_STATUSES);
export const dataActionEnum = pgEnum("data_action", DATA_ACTIONS);
export const nhiKindEnum = pgEnum("nhi_kind", NHI_KINDS);
export const providerEnum = pgEnum("provider", PROVIDERS);
export const classificationEnum = pgEnum("classification", CLASSIFICATIONS);
export const nhiStatusEnum = pgEnum("nhi_status", NHI_STATUSES);
export const entitlementStatusEnum = pgEnum("entitlement_status", ENTITLEMENT_STATUSES);
export const exceptionStatusEnum = pgEnum("exception_status", EXCEPTION_STATUSES);
export const credentialKindEnum = pgEnum("credential_kind", CREDENTIAL_KINDS);
export const credentialStatusEnum = pgEnum("credential_status", CREDENTIAL_STATUSES);
export const apiKeyScopeEnum = pgEnum("api_key_scope", API_KEY_SCOPES);
export const hookFormatEnum = pgEnum("hook_format", HOOK_FORMATS);
export const deliveryStatusEnum = pgEnum("delivery_status", DELIVERY_STATUSES);
export const revocationTargetEnum = pgEnum("revocation_target", REVOCATION_TARGETS);
export const campaignStatusEnum = pgEnum("campaign_status", CAMPAIGN_STATUSES);
export const nonResponseEnum = pgEnum("non_response_policy", NON_RESPONSE_POLICIES);
export const reviewStageEnum = pgEnum("review_stage", REVIEW_STAGES);
export const reviewItemStatusEnum = pgEnum("review_item_status", REVIEW_ITEM_STATUSES);
export const reviewDecisionEnum = pgEnum("review_decision", REVIEW_DECISIONS);
export const findingSeverityEnum = pgEnum("finding_severity", FINDING_SEVERITIES);
export const findingStatusEnum = pgEnum("finding_status", FINDING_STATUSES);
export const policyStatusEnum = pgEnum("policy_status", POLICY_STATUSES);
export const actorTypeEnum = pgEnum("actor_type", ACTOR_TYPES);
