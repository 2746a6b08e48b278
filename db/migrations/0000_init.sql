CREATE TYPE "public"."actor_type" AS ENUM('user', 'api_key', 'system');--> statement-breakpoint
CREATE TYPE "public"."api_key_scope" AS ENUM('read', 'write', 'authorize', 'import', 'admin');--> statement-breakpoint
CREATE TYPE "public"."autonomy" AS ENUM('assistive', 'automated', 'autonomous');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'active', 'closed');--> statement-breakpoint
CREATE TYPE "public"."classification" AS ENUM('utility', 'privileged');--> statement-breakpoint
CREATE TYPE "public"."credential_kind" AS ENUM('api_key', 'client_secret', 'certificate', 'ssh_key', 'token', 'jit_token');--> statement-breakpoint
CREATE TYPE "public"."credential_status" AS ENUM('active', 'rotated', 'revoked', 'expired');--> statement-breakpoint
CREATE TYPE "public"."data_action" AS ENUM('read', 'write', 'delete', 'admin');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."entitlement_status" AS ENUM('pending', 'active', 'revoked', 'expired', 'denied');--> statement-breakpoint
CREATE TYPE "public"."environment" AS ENUM('prod', 'staging', 'dev');--> statement-breakpoint
CREATE TYPE "public"."exception_status" AS ENUM('pending', 'approved', 'denied', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."finding_severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."finding_status" AS ENUM('open', 'accepted', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."hook_format" AS ENUM('standard-webhooks', 'caep-set');--> statement-breakpoint
CREATE TYPE "public"."nhi_kind" AS ENUM('service_account', 'api_key', 'oauth_client', 'agent', 'bot', 'workload');--> statement-breakpoint
CREATE TYPE "public"."nhi_status" AS ENUM('active', 'suspended', 'decommissioned');--> statement-breakpoint
CREATE TYPE "public"."non_response_policy" AS ENUM('keep', 'revoke');--> statement-breakpoint
CREATE TYPE "public"."policy_status" AS ENUM('draft', 'active', 'archived');--> statement-breakpoint
CREATE TYPE "public"."provider" AS ENUM('aws', 'gcp', 'azure', 'kubernetes', 'github', 'okta', 'openai', 'snowflake', 'custom');--> statement-breakpoint
CREATE TYPE "public"."review_decision" AS ENUM('certify', 'revoke', 'modify', 'delegate', 'non_response');--> statement-breakpoint
CREATE TYPE "public"."review_item_status" AS ENUM('pending', 'decided', 'closed');--> statement-breakpoint
CREATE TYPE "public"."review_stage" AS ENUM('business_owner', 'identity_owner');--> statement-breakpoint
CREATE TYPE "public"."revocation_target" AS ENUM('entitlement', 'credential', 'identity', 'workflow');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('business_owner', 'identity_owner', 'auditor', 'admin');--> statement-breakpoint
CREATE TYPE "public"."sensitivity" AS ENUM('public', 'internal', 'confidential', 'restricted');--> statement-breakpoint
CREATE TYPE "public"."workflow_status" AS ENUM('draft', 'active', 'suspended', 'retired');--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" "api_key_scope"[] NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"roles" "role"[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"deactivated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" uuid NOT NULL,
	"data_set_id" uuid NOT NULL,
	"actions" "data_action"[] NOT NULL,
	"reason" text NOT NULL,
	"status" "exception_status" DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"requested_by_id" uuid,
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"system" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sensitivity" "sensitivity" NOT NULL,
	"environment" "environment" NOT NULL,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_data_sets" (
	"workflow_id" uuid NOT NULL,
	"data_set_id" uuid NOT NULL,
	"actions" "data_action"[] NOT NULL,
	"justification" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_data_sets_workflow_id_data_set_id_pk" PRIMARY KEY("workflow_id","data_set_id"),
	CONSTRAINT "workflow_data_sets_actions_nonempty" CHECK (cardinality("workflow_data_sets"."actions") > 0)
);
--> statement-breakpoint
CREATE TABLE "workflow_escalation_steps" (
	"workflow_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "workflow_escalation_steps_workflow_id_position_pk" PRIMARY KEY("workflow_id","position")
);
--> statement-breakpoint
CREATE TABLE "workflows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"business_owner_id" uuid,
	"identity_owner_id" uuid,
	"autonomy" "autonomy" DEFAULT 'assistive' NOT NULL,
	"vendor" text,
	"status" "workflow_status" DEFAULT 'draft' NOT NULL,
	"exception_conditions" text[] DEFAULT '{}' NOT NULL,
	"review_cadence_days" integer,
	"max_jit_ttl_seconds" integer,
	"created_by_id" uuid,
	"activated_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflows_cadence_positive" CHECK ("workflows"."review_cadence_days" is null or "workflows"."review_cadence_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nhi_id" uuid NOT NULL,
	"entitlement_id" uuid,
	"kind" "credential_kind" NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"fingerprint" text,
	"location" text,
	"jti" text,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_rotated_at" timestamp with time zone,
	"rotation_period_days" integer,
	"last_used_at" timestamp with time zone,
	"status" "credential_status" DEFAULT 'active' NOT NULL,
	"replaced_by_id" uuid,
	"revoked_by_id" uuid,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entitlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workflow_id" uuid NOT NULL,
	"nhi_id" uuid NOT NULL,
	"data_set_id" uuid NOT NULL,
	"actions" "data_action"[] NOT NULL,
	"status" "entitlement_status" DEFAULT 'pending' NOT NULL,
	"jit" boolean DEFAULT false NOT NULL,
	"max_ttl_seconds" integer,
	"expires_at" timestamp with time zone,
	"justification" text NOT NULL,
	"requested_by_id" uuid,
	"business_approved_by_id" uuid,
	"business_approved_at" timestamp with time zone,
	"identity_approved_by_id" uuid,
	"identity_approved_at" timestamp with time zone,
	"denied_by_id" uuid,
	"denied_at" timestamp with time zone,
	"denial_comment" text,
	"cadence_days" integer,
	"last_reviewed_at" timestamp with time zone,
	"next_review_at" timestamp with time zone,
	"revoked_by_id" uuid,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"exceeds_approval_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entitlements_actions_nonempty" CHECK (cardinality("entitlements"."actions") > 0),
	CONSTRAINT "entitlements_ttl_positive" CHECK ("entitlements"."max_ttl_seconds" is null or "entitlements"."max_ttl_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "nhis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "nhi_kind" NOT NULL,
	"provider" "provider" NOT NULL,
	"external_id" text NOT NULL,
	"environment" "environment" NOT NULL,
	"classification" "classification" DEFAULT 'utility' NOT NULL,
	"owner_id" uuid,
	"status" "nhi_status" DEFAULT 'active' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"last_used_at" timestamp with time zone,
	"human_use_seen_at" timestamp with time zone,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_nhis" (
	"workflow_id" uuid NOT NULL,
	"nhi_id" uuid NOT NULL,
	"bound_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_nhis_workflow_id_nhi_id_pk" PRIMARY KEY("workflow_id","nhi_id")
);
--> statement-breakpoint
CREATE TABLE "hook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hook_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hook_delivery_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"latency_ms" integer,
	"response_status" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "hook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"revocation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"format" "hook_format" NOT NULL,
	"secret_encrypted" text,
	"previous_secret_encrypted" text,
	"previous_secret_valid_until" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_type" "revocation_target" NOT NULL,
	"target_id" uuid NOT NULL,
	"workflow_id" uuid,
	"actor_id" uuid,
	"reason" text NOT NULL,
	"prior_state" jsonb NOT NULL,
	"undo_until" timestamp with time zone NOT NULL,
	"restored_at" timestamp with time zone,
	"restored_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"nhi_id" uuid,
	"subject" text NOT NULL,
	"action" text NOT NULL,
	"data_set_id" uuid,
	"resource" text NOT NULL,
	"workflow_id" uuid,
	"entitlement_id" uuid,
	"decision" boolean NOT NULL,
	"reason_code" text,
	"reason_message" text,
	"api_key_id" uuid,
	"context" jsonb
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"status" "policy_status" DEFAULT 'draft' NOT NULL,
	"created_by_id" uuid,
	"activated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"algorithm" text DEFAULT 'ES256' NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key_encrypted" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	"verify_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"scope" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stages" "review_stage"[] NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"non_response" "non_response_policy" DEFAULT 'keep' NOT NULL,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"owner_id" uuid,
	"population_size" integer,
	"snapshot_hash" text,
	"launched_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid,
	"entitlement_id" uuid NOT NULL,
	"stage" "review_stage" DEFAULT 'business_owner' NOT NULL,
	"reviewer_id" uuid,
	"status" "review_item_status" DEFAULT 'pending' NOT NULL,
	"decision" "review_decision",
	"rationale" text,
	"narrowed_actions" "data_action"[],
	"decided_by_id" uuid,
	"decided_at" timestamp with time zone,
	"delegated_from_id" uuid,
	"delegation_reason" text,
	"due_at" timestamp with time zone NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"last_reminded_at" timestamp with time zone,
	"snapshot" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"reason" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	"severity" "finding_severity" NOT NULL,
	"frameworks" text[] NOT NULL,
	"owner_id" uuid,
	"status" "finding_status" DEFAULT 'open' NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"accepted_by_id" uuid,
	"accepted_reason" text,
	"accepted_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" bigint NOT NULL,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_exceptions" ADD CONSTRAINT "access_exceptions_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_exceptions" ADD CONSTRAINT "access_exceptions_data_set_id_data_sets_id_fk" FOREIGN KEY ("data_set_id") REFERENCES "public"."data_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_exceptions" ADD CONSTRAINT "access_exceptions_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_exceptions" ADD CONSTRAINT "access_exceptions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sets" ADD CONSTRAINT "data_sets_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_data_sets" ADD CONSTRAINT "workflow_data_sets_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_data_sets" ADD CONSTRAINT "workflow_data_sets_data_set_id_data_sets_id_fk" FOREIGN KEY ("data_set_id") REFERENCES "public"."data_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_escalation_steps" ADD CONSTRAINT "workflow_escalation_steps_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_escalation_steps" ADD CONSTRAINT "workflow_escalation_steps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_business_owner_id_users_id_fk" FOREIGN KEY ("business_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_identity_owner_id_users_id_fk" FOREIGN KEY ("identity_owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_nhi_id_nhis_id_fk" FOREIGN KEY ("nhi_id") REFERENCES "public"."nhis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_entitlement_id_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."entitlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_nhi_id_nhis_id_fk" FOREIGN KEY ("nhi_id") REFERENCES "public"."nhis"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_data_set_id_data_sets_id_fk" FOREIGN KEY ("data_set_id") REFERENCES "public"."data_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_business_approved_by_id_users_id_fk" FOREIGN KEY ("business_approved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_identity_approved_by_id_users_id_fk" FOREIGN KEY ("identity_approved_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_denied_by_id_users_id_fk" FOREIGN KEY ("denied_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlements" ADD CONSTRAINT "entitlements_revoked_by_id_users_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nhis" ADD CONSTRAINT "nhis_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_nhis" ADD CONSTRAINT "workflow_nhis_workflow_id_workflows_id_fk" FOREIGN KEY ("workflow_id") REFERENCES "public"."workflows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_nhis" ADD CONSTRAINT "workflow_nhis_nhi_id_nhis_id_fk" FOREIGN KEY ("nhi_id") REFERENCES "public"."nhis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_nhis" ADD CONSTRAINT "workflow_nhis_bound_by_id_users_id_fk" FOREIGN KEY ("bound_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hook_deliveries" ADD CONSTRAINT "hook_deliveries_hook_id_hooks_id_fk" FOREIGN KEY ("hook_id") REFERENCES "public"."hooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hook_deliveries" ADD CONSTRAINT "hook_deliveries_event_id_hook_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."hook_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hook_delivery_attempts" ADD CONSTRAINT "hook_delivery_attempts_delivery_id_hook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."hook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hook_events" ADD CONSTRAINT "hook_events_revocation_id_revocations_id_fk" FOREIGN KEY ("revocation_id") REFERENCES "public"."revocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hooks" ADD CONSTRAINT "hooks_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revocations" ADD CONSTRAINT "revocations_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revocations" ADD CONSTRAINT "revocations_restored_by_id_users_id_fk" FOREIGN KEY ("restored_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_campaign_id_review_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."review_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_entitlement_id_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."entitlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_delegated_from_id_users_id_fk" FOREIGN KEY ("delegated_from_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_accepted_by_id_users_id_fk" FOREIGN KEY ("accepted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_provider_account_idx" ON "accounts" USING btree ("provider","provider_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_idx" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_sessions_user_idx" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "access_exceptions_workflow_idx" ON "access_exceptions" USING btree ("workflow_id","data_set_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "data_sets_name_lower_idx" ON "data_sets" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "data_sets_owner_idx" ON "data_sets" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "workflow_data_sets_data_set_idx" ON "workflow_data_sets" USING btree ("data_set_id");--> statement-breakpoint
CREATE INDEX "escalation_user_idx" ON "workflow_escalation_steps" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workflows_name_lower_idx" ON "workflows" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "workflows_business_owner_idx" ON "workflows" USING btree ("business_owner_id");--> statement-breakpoint
CREATE INDEX "workflows_identity_owner_idx" ON "workflows" USING btree ("identity_owner_id");--> statement-breakpoint
CREATE INDEX "workflows_status_idx" ON "workflows" USING btree ("status");--> statement-breakpoint
CREATE INDEX "credentials_nhi_idx" ON "credentials" USING btree ("nhi_id","status");--> statement-breakpoint
CREATE INDEX "credentials_entitlement_idx" ON "credentials" USING btree ("entitlement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_jti_idx" ON "credentials" USING btree ("jti");--> statement-breakpoint
CREATE INDEX "credentials_expires_idx" ON "credentials" USING btree ("expires_at") WHERE "credentials"."status" = 'active';--> statement-breakpoint
CREATE INDEX "entitlements_decision_idx" ON "entitlements" USING btree ("nhi_id","data_set_id") WHERE "entitlements"."status" = 'active';--> statement-breakpoint
CREATE INDEX "entitlements_workflow_idx" ON "entitlements" USING btree ("workflow_id","status");--> statement-breakpoint
CREATE INDEX "entitlements_data_set_idx" ON "entitlements" USING btree ("data_set_id");--> statement-breakpoint
CREATE INDEX "entitlements_next_review_idx" ON "entitlements" USING btree ("next_review_at") WHERE "entitlements"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "entitlements_one_open_grant_idx" ON "entitlements" USING btree ("workflow_id","nhi_id","data_set_id") WHERE "entitlements"."status" in ('pending', 'active');--> statement-breakpoint
CREATE UNIQUE INDEX "nhis_provider_external_idx" ON "nhis" USING btree ("provider","external_id");--> statement-breakpoint
CREATE INDEX "nhis_owner_idx" ON "nhis" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "nhis_name_idx" ON "nhis" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "nhis_status_idx" ON "nhis" USING btree ("status");--> statement-breakpoint
CREATE INDEX "workflow_nhis_nhi_idx" ON "workflow_nhis" USING btree ("nhi_id");--> statement-breakpoint
CREATE INDEX "hook_deliveries_due_idx" ON "hook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "hook_deliveries_event_idx" ON "hook_deliveries" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "hook_deliveries_hook_idx" ON "hook_deliveries" USING btree ("hook_id","created_at");--> statement-breakpoint
CREATE INDEX "hook_delivery_attempts_delivery_idx" ON "hook_delivery_attempts" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "hook_events_revocation_idx" ON "hook_events" USING btree ("revocation_id");--> statement-breakpoint
CREATE INDEX "revocations_target_idx" ON "revocations" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "revocations_workflow_idx" ON "revocations" USING btree ("workflow_id");--> statement-breakpoint
CREATE INDEX "decisions_time_idx" ON "decisions" USING btree ("decided_at");--> statement-breakpoint
CREATE INDEX "decisions_nhi_time_idx" ON "decisions" USING btree ("nhi_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "policies_name_version_idx" ON "policies" USING btree ("name","version");--> statement-breakpoint
CREATE INDEX "review_items_queue_idx" ON "review_items" USING btree ("reviewer_id","status","due_at");--> statement-breakpoint
CREATE INDEX "review_items_campaign_idx" ON "review_items" USING btree ("campaign_id","stage","status");--> statement-breakpoint
CREATE INDEX "review_items_entitlement_idx" ON "review_items" USING btree ("entitlement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_one_open_cadence_idx" ON "review_items" USING btree ("entitlement_id") WHERE "review_items"."campaign_id" is null and "review_items"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_id_idx" ON "audit_events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "audit_events_time_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_target_idx" ON "audit_events" USING btree ("target_type","target_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "audit_events_action_idx" ON "audit_events" USING btree ("action","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_one_live_idx" ON "findings" USING btree ("rule_id","target_type","target_id") WHERE "findings"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "findings_owner_idx" ON "findings" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "findings_target_idx" ON "findings" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_pk" ON "idempotency_keys" USING btree ("principal","key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","read_at","created_at");