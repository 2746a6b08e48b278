import PgBoss from "pg-boss";
import type { Transaction } from "@/db";
import { databaseUrl } from "@/db/connection";
import { QUEUES } from "./queues";

/**
 * Background work runs on pg-boss in the same PostgreSQL, so any number of
 * stateless app instances share one queue and jobs commit with the change.
 */
const holder = globalThis as { __csBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  holder.__csBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: databaseUrl(), schema: "pgboss", max: 4 });
    boss.on("error", (error) => console.error("[jobs]", error.message));
    await boss.start();
    // A send to a queue that does not exist is silently dropped: create them first.
    for (const queue of Object.values(QUEUES)) await boss.createQueue(queue);
    return boss;
  })().catch((error: unknown) => {
    holder.__csBoss = undefined;
    throw error;
  });
  return holder.__csBoss;
}

export async function stopBoss() {
  const boss = await holder.__csBoss?.catch(() => undefined);
  holder.__csBoss = undefined;
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
}

/**
 * pg-boss runs its insert through this adapter, on the business transaction's
 * own connection: the job exists if and only if the change commits.
 */
function transactionAdapter(tx: Transaction) {
  const client = (tx as unknown as { session: { client: { unsafe: (q: string, v?: unknown[]) => Promise<unknown[]> } } })
    .session.client;
  return {
    executeSql: async (text: string, values?: unknown[]) => ({ rows: await client.unsafe(text, (values ?? []).map(asPgParameter)) }),
  };
}

/** pg-boss hands node-postgres-style parameters; postgres.js refuses undefined and plain objects. */
function asPgParameter(value: unknown) {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !Buffer.isBuffer(value) && !Array.isArray(value)) {
    return JSON.stringify(value);
  }
  return value;
}

export async function enqueueInTransaction(tx: Transaction, queue: string, data: object, options: PgBoss.SendOptions = {}) {
  const boss = await getBoss();
  return boss.send(queue, data, { ...options, db: transactionAdapter(tx) } as PgBoss.SendOptions);
}
