import postgres from "postgres";
import { migrateDatabase } from "@/db/migrate";
import { generateInventory } from "./dataset";
import { benchDatabase } from "./harness";

/** A migrated database holding the generated inventory (NHIS × PER_NHI entitlements), shared by both benchmarks. */
export async function inventoryDatabase(prefix: string) {
  const db = await benchDatabase(prefix);
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  // A reused database still gets any migration added since it was generated.
  await migrateDatabase(db.url);
  // This process's `@/db` pool (domain calls below, API keys, revokes) works on the benchmark database.
  process.env.DATABASE_URL = db.url;
  if (db.fresh) {
    let started = performance.now();
    await generateInventory(sql, Number(process.env.NHIS ?? 100_000), Number(process.env.PER_NHI ?? 10));
    console.log(`generated the inventory in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Rows written with SQL have no stored guardrail verdicts yet; a deployment has them (computed when a policy is
    // activated or a grant changes), so the decision path is measured in that steady state, through the domain.
    started = performance.now();
    const { db: orm } = await import("@/db");
    const { ensureDefaultPolicies } = await import("@/lib/domain/guardrails/default-policies");
    const { refreshGuardrailVerdicts } = await import("@/lib/domain/guardrails/refresh");
    await ensureDefaultPolicies();
    const refreshed = await orm.transaction((tx) => refreshGuardrailVerdicts(tx));
    console.log(`stored guardrail verdicts for ${refreshed.changed} grants in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const [counts] = await sql<{ nhis: number; entitlements: number; active: number; jit: number; workflows: number; data_sets: number }[]>`
    select (select count(*)::int from nhis) as nhis, (select count(*)::int from entitlements) as entitlements,
           (select count(*)::int from entitlements where status = 'active') as active, (select count(*)::int from entitlements where jit) as jit,
           (select count(*)::int from workflows) as workflows, (select count(*)::int from data_sets) as data_sets`;
  console.log(`database: ${JSON.stringify(counts)}`);
  return { db, sql };
}

/**
 * API keys of scope `authorize`, minted through the domain exactly as an admin
 * would (one per target, so stored decisions can be counted per target).
 */
export async function authorizeKeys(sql: postgres.Sql, names: string[]): Promise<{ id: string; key: string }[]> {
  const { createApiKey } = await import("@/lib/domain/api-keys/api-keys");
  const { systemActor } = await import("@/lib/domain/actor");
  const [admin] = await sql<{ id: string }[]>`
    insert into users (email, name, roles) values (${`bench-${Date.now()}@bench.example`}, 'Benchmark PEP', '{admin,identity_owner}') returning id`;
  const keys: { id: string; key: string }[] = [];
  for (const name of names) keys.push(await createApiKey(systemActor("bench"), { userId: admin!.id, name, scopes: ["authorize"], expiresInDays: 1 }));
  return keys;
}
