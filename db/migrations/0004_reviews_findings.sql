ALTER TABLE "review_campaigns" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "review_campaigns" ADD COLUMN "launched_by_id" uuid;--> statement-breakpoint
ALTER TABLE "review_campaigns" ADD COLUMN "closed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "review_items" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_launched_by_id_users_id_fk" FOREIGN KEY ("launched_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_campaign_entitlement_stage_idx" ON "review_items" USING btree ("campaign_id","entitlement_id","stage") WHERE "review_items"."campaign_id" is not null;--> statement-breakpoint
CREATE INDEX "findings_rule_status_idx" ON "findings" USING btree ("rule_id","status");--> statement-breakpoint
CREATE INDEX "findings_timeline_idx" ON "findings" USING btree ("first_seen_at","resolved_at");