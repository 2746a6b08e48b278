import { sql } from "drizzle-orm";
import { db } from "@/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { CONTROLS } from "./controls";
import { FRAMEWORKS, FRAMEWORK_ITEMS } from "./frameworks";
import { RULES } from "./rules";

/**
 * Coverage per framework item: the product controls that address it, the
 * rules that detect it, and how many of their findings are open or accepted
 * now. `coverage` says honestly how an item is handled: detected by rules,
 * addressed by controls only, or not covered at all.
 */
export async function listFrameworks(actor: Actor) {
  requirePermission(actor, "findings.read");
  const counts = await db.execute<{ item: string; open: number; accepted: number }>(sql`
    select item, count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'accepted')::int as accepted
    from findings, unnest(frameworks) as item
    where status <> 'resolved'
    group by item`);
  // A finding maps to several items of one framework; the framework's own total counts it once.
  const perFramework = await db.execute<{ framework: string; open: number }>(sql`
    select split_part(item, ':', 1) as framework, count(distinct id) filter (where status = 'open')::int as open
    from findings, unnest(frameworks) as item
    where status <> 'resolved'
    group by 1`);
  const byItem = new Map(counts.map((c) => [c.item, c]));
  const openByFramework = new Map(perFramework.map((c) => [c.framework, c.open]));
  return FRAMEWORKS.map((framework) => ({
    id: framework.id,
    title: framework.title,
    openFindings: openByFramework.get(framework.id) ?? 0,
    items: FRAMEWORK_ITEMS.filter((item) => item.framework === framework.id).map((item) => {
      const rules = RULES.filter((r) => (r.frameworks as readonly string[]).includes(item.id));
      return {
        id: item.id,
        code: item.code,
        title: item.title,
        note: item.note ?? null,
        coverage: (rules.length > 0 ? "rules" : item.controls.length > 0 ? "controls" : "none") as "rules" | "controls" | "none",
        controls: item.controls.map((id) => ({ id, ...CONTROLS[id] })),
        rules: rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity })),
        openFindings: byItem.get(item.id)?.open ?? 0,
        acceptedFindings: byItem.get(item.id)?.accepted ?? 0,
      };
    }),
  }));
}
export type FrameworkCoverage = Awaited<ReturnType<typeof listFrameworks>>;

/** The rule catalogue as pages and the API show it (no SQL). */
export function listRules() {
  return RULES.map(({ query: _q, ...rule }) => ({ ...rule, frameworks: [...rule.frameworks], controls: [...rule.controls] }));
}
