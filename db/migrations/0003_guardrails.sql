ALTER TABLE "entitlements" ADD COLUMN "guardrail_facts" text;--> statement-breakpoint
ALTER TABLE "entitlements" ADD COLUMN "guardrail_forbidden_by" text[];--> statement-breakpoint
ALTER TABLE "entitlements" ADD COLUMN "guardrail_verdict_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "policy_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "policies" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "policies_policy_version_idx" ON "policies" USING btree ("policy_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "policies_one_active_idx" ON "policies" USING btree ("policy_id") WHERE "policies"."status" = 'active';--> statement-breakpoint
CREATE INDEX "policies_active_idx" ON "policies" USING btree ("id") WHERE "policies"."status" = 'active';