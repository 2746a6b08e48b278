CREATE INDEX "revocations_created_idx" ON "revocations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "review_items_cadence_created_idx" ON "review_items" USING btree ("created_at") WHERE "review_items"."campaign_id" is null;--> statement-breakpoint
CREATE INDEX "findings_resolved_idx" ON "findings" USING btree ("resolved_at") WHERE "findings"."status" = 'resolved';