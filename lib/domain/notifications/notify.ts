import type { Transaction } from "@/db";
import { notifications } from "@/db/schema";

export type NewNotification = { userId: string | null | undefined; kind: string; title: string; body?: string; link?: string };

/** Queues in-app notifications inside the business transaction (skips missing recipients and duplicates). */
export async function notify(tx: Transaction, items: NewNotification[]) {
  const seen = new Set<string>();
  const rows = items.flatMap((n) => {
    if (!n.userId || seen.has(`${n.userId}|${n.kind}|${n.link}`)) return [];
    seen.add(`${n.userId}|${n.kind}|${n.link}`);
    return [{ userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? null }];
  });
  if (rows.length) await tx.insert(notifications).values(rows);
}
