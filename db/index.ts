import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import { databaseUrl } from "./connection";

function createClient() {
  const client = postgres(databaseUrl(), {
    max: Number(process.env.DB_POOL_MAX ?? 10),
    onnotice: () => {},
  });
  return { client, db: drizzle(client, { schema, casing: "snake_case" }) };
}

type Connection = ReturnType<typeof createClient>;
const holder = globalThis as { __csConnection?: Connection; __csTransactionsEnded?: number };

/** One pool per process, shared across Next.js module reloads. */
function connection(): Connection {
  return (holder.__csConnection ??= createClient());
}

export const db = new Proxy({} as Connection["db"], {
  get: (_, prop) => {
    const target = connection().db;
    return prop === "transaction" ? countedTransaction(target) : Reflect.get(target, prop, target);
  },
});

/**
 * `db.transaction`, counting each one as it ends. A change committed through
 * this process is then known here before the call returns — before its
 * NOTIFY could arrive — so an in-process cache of database state (the
 * decision point's access cache) drops what it read earlier: whoever served
 * a revoke never answers from before it.
 */
function countedTransaction(target: Connection["db"]): Connection["db"]["transaction"] {
  return ((run, config) =>
    target.transaction(run, config).finally(() => {
      holder.__csTransactionsEnded = (holder.__csTransactionsEnded ?? 0) + 1;
    })) as Connection["db"]["transaction"];
}

/** How many `db.transaction` calls of this process have ended (committed or rolled back). */
export const transactionsEnded = () => holder.__csTransactionsEnded ?? 0;
export const sqlClient = () => connection().client;
export type Database = Connection["db"];
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Transaction;

export async function closeDatabase() {
  const c = holder.__csConnection;
  holder.__csConnection = undefined;
  if (c) await c.client.end({ timeout: 5 });
}
export { schema };
