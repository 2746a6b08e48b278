/**
 * The channel on which PostgreSQL announces, at commit, every statement that
 * may change a runtime decision: NHIs, data sets, workflows, entitlements,
 * exceptions and guardrail policies (triggers in migration
 * 0006_access_change_feed.sql, so no write path can forget). A decision
 * point that keeps access facts in memory (lib/pdp/access-cache.ts) forgets
 * them when it hears one.
 */
export const ACCESS_CHANGES_CHANNEL = "cs_access_changes";
