import { asc, gt } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { auditEvents } from "@/db/schema";
import { GENESIS_HASH, hashAuditEvent } from "./hash";

export type ChainVerdict =
  | { ok: true; events: number; lastHash: string }
  | { ok: false; events: number; brokenAt: { seq: number; id: string }; problem: string };

const BATCH = 5_000;

/** Recomputes the whole chain in sequence order and names the first broken link. */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    for (const row of rows) {
      const broken = (problem: string): ChainVerdict => ({
        ok: false,
        events: checked,
        brokenAt: { seq: row.seq, id: row.id },
        problem,
      });
      if (row.seq !== expectedSeq) return broken(`event ${expectedSeq} is missing (next is ${row.seq})`);
      if (row.prevHash !== prevHash) return broken("its previous-hash does not match the event before it");
      const { hash, ...fields } = row;
      if (hashAuditEvent(fields) !== hash) return broken("its content does not match its hash (it was altered)");
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < BATCH) return { ok: true, events: checked, lastHash: prevHash };
  }
}
