-- The access change feed (lib/domain/runtime/access-changes.ts): every statement that can change a runtime decision
-- notifies `cs_access_changes` at commit, so decision points that keep access facts in memory forget them at once.
-- Triggers rather than calls in the domain code: an import, a seed, a job or a hand-written UPDATE cannot forget to
-- announce itself. Statement-level, so a 100k-row import is one notification (PostgreSQL also folds identical
-- notifications of one transaction into one). UPDATE OF lists only the columns a decision reads: the decision log's
-- `last_used_at` writes and ordinary edits (names, owners, review dates) do not empty every cache.
CREATE OR REPLACE FUNCTION cs_announce_access_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cs_access_changes', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER nhis_access_change
  AFTER INSERT OR DELETE OR UPDATE OF id, status, kind, provider, external_id, environment, classification ON nhis
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER nhis_access_change_truncate AFTER TRUNCATE ON nhis
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER data_sets_access_change
  AFTER INSERT OR DELETE OR UPDATE OF id, name, sensitivity, environment ON data_sets
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER data_sets_access_change_truncate AFTER TRUNCATE ON data_sets
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER workflows_access_change
  AFTER INSERT OR DELETE OR UPDATE OF id, status, autonomy, vendor ON workflows
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER workflows_access_change_truncate AFTER TRUNCATE ON workflows
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER entitlements_access_change
  AFTER INSERT OR DELETE OR UPDATE OF id, workflow_id, nhi_id, data_set_id, actions, status, jit, expires_at, created_at,
    guardrail_facts, guardrail_forbidden_by ON entitlements
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER entitlements_access_change_truncate AFTER TRUNCATE ON entitlements
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER access_exceptions_access_change AFTER INSERT OR UPDATE OR DELETE ON access_exceptions
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER access_exceptions_access_change_truncate AFTER TRUNCATE ON access_exceptions
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER policies_access_change AFTER INSERT OR UPDATE OR DELETE ON policies
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
--> statement-breakpoint
CREATE TRIGGER policies_access_change_truncate AFTER TRUNCATE ON policies
  FOR EACH STATEMENT EXECUTE FUNCTION cs_announce_access_change();
