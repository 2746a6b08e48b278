import { and, eq, ne } from "drizzle-orm";
import { db } from "@/db";
import { findings } from "@/db/schema";
import { refreshFindings } from "@/lib/domain/findings/refresh-findings";

/** The live (open or accepted) finding of a rule on a target, if any. */
export async function liveFinding(ruleId: string, targetId: string) {
  const [row] = await db
    .select()
    .from(findings)
    .where(and(eq(findings.ruleId, ruleId), eq(findings.targetId, targetId), ne(findings.status, "resolved")));
  return row;
}

export async function allFindings(ruleId: string, targetId: string) {
  return db.select().from(findings).where(and(eq(findings.ruleId, ruleId), eq(findings.targetId, targetId)));
}

/**
 * Refreshes, asserts the finding is live with the expected owner and framework
 * ids, then runs `clear`, refreshes again and asserts the same row resolved.
 */
export async function expectRaisedThenResolved(opts: {
  ruleId: string;
  targetId: string;
  ownerId: string | null;
  frameworks: string[];
  clear: () => Promise<unknown>;
  now?: Date;
}) {
  await refreshFindings({ now: opts.now });
  const raised = await liveFinding(opts.ruleId, opts.targetId);
  if (!raised) throw new Error(`expected a live ${opts.ruleId} finding on ${opts.targetId}`);
  if (raised.status !== "open") throw new Error(`expected open, got ${raised.status}`);
  if (raised.ownerId !== opts.ownerId) throw new Error(`expected owner ${opts.ownerId}, got ${raised.ownerId}`);
  for (const f of opts.frameworks) if (!raised.frameworks.includes(f)) throw new Error(`missing framework ${f} in ${raised.frameworks.join(",")}`);

  await opts.clear();
  await refreshFindings({ now: opts.now });
  const rows = await allFindings(opts.ruleId, opts.targetId);
  if (rows.length !== 1) throw new Error(`expected the one finding row to be kept, found ${rows.length}`);
  if (rows[0]!.status !== "resolved" || !rows[0]!.resolvedAt) throw new Error(`expected resolved, got ${rows[0]!.status}`);
  return raised;
}
