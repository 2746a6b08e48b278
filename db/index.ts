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
const holder = globalThis as { __csConnection?: Connection };

/** One pool per process, shared across Next.js module reloads. */
function connection(): Connection {
  return (holder.__csConnection ??= createClient());
}

export const db = new Proxy({} as Connection["db"], {
  get: (_, prop) => Reflect.get(connection().db, prop, connection().db),
});
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
