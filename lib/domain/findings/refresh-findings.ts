import { sql } from "drizzle-orm";
import { type Transaction, db } from "@/db";
import { type Actor, systemActor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { RULES } from "./rules";
import type { Rule } from "./types";

/** The `settings` row holding when the rules last ran: every live finding was confirmed then. */
export const REFRESHED_AT_KEY = "findings.refreshed_at";

/** Serialises refreshes (cron and debounced requests may overlap); released at commit. */
const REFRESH_LOCK = 7_202_614;

export type RuleOutcome = { ruleId: string; opened: number; resolved: number; live: number; ms: number };
export type RefreshResult = { at: string; reopened: number; rules: RuleOutcome[]; opened: number; resolved: number; audited: boolean };

/**
 * Evaluates every rule against the inventory and brings the findings table in
 * line with it, set-based (one statement per rule, whatever the inventory's
 * size), in one transaction:
 *
 *  - accepted findings whose acceptance expired go back to `open`;
 *  - a target that meets a rule and has no live finding gets a new `open` one;
 *  - a live finding (open or accepted) whose target still meets the rule gets
 *    its last-seen time, owner, details, severity and framework ids refreshed;
 *  - a live finding whose target no longer meets the rule is `resolved`.
 *
 * Resolved rows are kept: they are the history trends are drawn from. A run
 * that changed anything (opened, resolved, reopened) writes one audit event
 * summarising it; a run that changed nothing writes none.
 */
export async function refreshFindings(
  options: { now?: Date; actor?: Actor; rules?: readonly Rule[]; tx?: Transaction } = {},
): Promise<RefreshResult> {
  const now = (options.now ?? new Date()).toISOString();
  const actor = options.actor ?? systemActor("findings.refresh");
  // Inside a caller's transaction (the demo seed) the findings commit with its rows.
  const run = <T>(work: (tx: Transaction) => Promise<T>) => (options.tx ? work(options.tx) : db.transaction(work));
  return run(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
    const reopened = await tx.execute<{ id: string }>(sql`
      update findings set status = 'open', last_seen_at = ${now}::timestamptz
      where status = 'accepted' and accepted_until <= ${now}::timestamptz
      returning id`);

    const outcomes: RuleOutcome[] = [];
    for (const rule of options.rules ?? RULES) {
      if (!rule.query) continue;
      const started = performance.now();
      const [row] = await tx.execute<{ opened: number; resolved: number; live: number }>(applyRule(rule, now));
      outcomes.push({ ruleId: rule.id, opened: row?.opened ?? 0, resolved: row?.resolved ?? 0, live: row?.live ?? 0, ms: Math.round(performance.now() - started) });
    }

    await tx.execute(sql`
      insert into settings (key, value, updated_at) values (${REFRESHED_AT_KEY}, to_jsonb(${now}::text), now())
      on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`);

    const opened = outcomes.reduce((n, o) => n + o.opened, 0);
    const resolved = outcomes.reduce((n, o) => n + o.resolved, 0);
    const audited = opened + resolved + reopened.length > 0;
    if (audited) {
      await recordAuditEvent(tx, actor, {
        action: "findings.refreshed",
        targetType: "findings",
        after: {
          at: now,
          opened,
          resolved,
          reopened: reopened.length,
          byRule: Object.fromEntries(outcomes.filter((o) => o.opened + o.resolved > 0).map((o) => [o.ruleId, { opened: o.opened, resolved: o.resolved }])),
        },
      });
    }
    return { at: now, reopened: reopened.length, rules: outcomes, opened, resolved, audited };
  });
}

/**
 * One statement per rule. `hits` is the rule's query, one row per target.
 * The three writes act on disjoint rows, so they share the statement and its
 * snapshot: new targets are inserted (anti-join on the live findings of the
 * rule), live findings whose target dropped out are resolved, and live
 * findings whose owner, details, severity or framework ids changed are
 * updated. A live finding that did not change is not written at all — a
 * steady-state refresh over hundreds of thousands of findings then costs the
 * rule's read, not a rewrite of every row (BENCHMARKS.md "Findings refresh");
 * when it was last confirmed is the refresh's time, kept once in `settings`
 * (REFRESHED_AT_KEY) and shown as the live findings' last-seen time.
 */
function applyRule(rule: Rule, now: string) {
  const frameworks = sql`${`{${rule.frameworks.join(",")}}`}::text[]`;
  return sql`
    with hits as materialized (
      select distinct on (target_id) target_id, owner_id, details from (${rule.query!(now)}) q order by target_id),
    live as materialized (
      select f.id, f.target_id, f.owner_id, f.details, f.severity, f.frameworks from findings f
      where f.rule_id = ${rule.id} and f.status <> 'resolved'),
    resolved as (
      update findings f set status = 'resolved', resolved_at = ${now}::timestamptz, last_seen_at = ${now}::timestamptz
      from live l
      where f.id = l.id and not exists (select 1 from hits h where h.target_id = l.target_id)
      returning 1),
    changed as (
      update findings f set owner_id = h.owner_id, details = h.details, severity = ${rule.severity}::finding_severity,
        frameworks = ${frameworks}, last_seen_at = ${now}::timestamptz
      from live l join hits h on h.target_id = l.target_id
      where f.id = l.id
        and (l.owner_id is distinct from h.owner_id or l.details <> h.details
          or l.severity <> ${rule.severity}::finding_severity or l.frameworks <> ${frameworks})
      returning 1),
    inserted as (
      insert into findings (rule_id, target_type, target_id, severity, frameworks, owner_id, details, first_seen_at, last_seen_at)
      select ${rule.id}, ${rule.targetType}, h.target_id, ${rule.severity}::finding_severity, ${frameworks}, h.owner_id, h.details,
             ${now}::timestamptz, ${now}::timestamptz
      from hits h
      where not exists (select 1 from live l where l.target_id = h.target_id)
      on conflict do nothing
      returning 1)
    select (select count(*) from inserted)::int as opened,
           (select count(*) from resolved)::int as resolved,
           (select count(*) from hits)::int as live`;
}
