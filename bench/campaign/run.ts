/**
 * Campaign launch benchmark: launches an organisation-wide access-review
 * campaign over ≥ 1M active entitlements through `launchCampaign` — the same
 * function the API and the Campaigns page call: one INSERT … SELECT freezing
 * every item's snapshot with its reviewer (reviewerSql), the bucketed
 * SHA-256 over the stored snapshots, the reviewers' notifications and the
 * audit event, in one transaction.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/campaign/run.ts
 *   (NHIS=110000 PER_NHI=12 by default: 1.32M entitlements, ~1.1M active and unexpired;
 *    BENCH_DATABASE=<name> reuses/keeps a generated database, KEEP_DB=1 keeps a fresh one)
 *
 * The inventory is generated set-based by bench/authorize/dataset.ts (loading is not measured).
 */
import os from "node:os";
import postgres from "postgres";
import { migrateDatabase } from "@/db/migrate";
import { generateInventory } from "../authorize/dataset";
import { benchDatabase } from "../authorize/harness";

const NHIS = Number(process.env.NHIS ?? 110_000);
const PER_NHI = Number(process.env.PER_NHI ?? 12);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");

const target = await benchDatabase("cs_bench_campaign");
const sql = postgres(target.url, { max: 1, onnotice: () => {} });
try {
  await migrateDatabase(target.url);
  process.env.DATABASE_URL = target.url;
  console.log(`${os.cpus().length} cores, load average ${load()}`);
  if (target.fresh) {
    const started = performance.now();
    await generateInventory(sql, NHIS, PER_NHI);
    console.log(`generated ${NHIS.toLocaleString("en-US")} NHIs × ${PER_NHI} entitlements in ${seconds(performance.now() - started)}`);
  }
  const [counts] = await sql<{ entitlements: number; in_scope: number }[]>`
    select count(*)::int as entitlements,
           count(*) filter (where status = 'active' and (expires_at is null or expires_at > now()))::int as in_scope
    from entitlements`;
  console.log(`entitlements ${counts!.entitlements.toLocaleString("en-US")}, active and unexpired ${counts!.in_scope.toLocaleString("en-US")}`);

  const { db, closeDatabase } = await import("@/db");
  const { userActor } = await import("@/lib/domain/actor");
  const { createCampaign } = await import("@/lib/domain/campaigns/create-campaign");
  const { launchCampaign } = await import("@/lib/domain/campaigns/launch-campaign");
  const { closeCampaign } = await import("@/lib/domain/campaigns/close-campaign");
  const { computeSnapshotHash } = await import("@/lib/domain/campaigns/snapshot-hash");
  const { createCampaignInput } = await import("@/lib/validation/campaigns");
  const [admin] = await sql<{ id: string; email: string }[]>`
    insert into users (email, name, roles) values (${`bench-admin-${Date.now()}@bench.example`}, 'Benchmark admin', '{admin}') returning id, email`;
  const actor = userActor({ id: admin!.id, email: admin!.email, roles: ["admin"] });
  try {
    const campaign = await createCampaign(actor, createCampaignInput.parse({ name: `Bench ${Date.now()}`, dueAt: new Date(Date.now() + 30 * 86_400_000) }));
    console.log(`load average before launch ${load()}`);
    let started = performance.now();
    const outcome = await launchCampaign(actor, campaign.id);
    const launchMs = performance.now() - started;
    console.log(`launch: ${outcome.populationSize.toLocaleString("en-US")} items, ${outcome.reviewers} reviewers, ${outcome.unassigned} unassigned, in ${seconds(launchMs)}`);
    if (outcome.populationSize !== counts!.in_scope) throw new Error(`population ${outcome.populationSize} ≠ in-scope ${counts!.in_scope}`);

    started = performance.now();
    const again = await computeSnapshotHash(db, campaign.id, "business_owner");
    console.log(`recomputing the snapshot hash from the stored items: ${seconds(performance.now() - started)} (${again.hash === outcome.snapshotHash ? "matches" : "MISMATCH"})`);
    if (again.hash !== outcome.snapshotHash) throw new Error("snapshot hash mismatch");

    // Closing under `keep` marks every undecided item in one UPDATE: the other set-based half of a campaign's life.
    started = performance.now();
    const closed = await closeCampaign(actor, campaign.id);
    console.log(`close (keep, ${closed.nonResponse.toLocaleString("en-US")} non-responses): ${seconds(performance.now() - started)}`);
    console.log(`\nRESULT launch ${seconds(launchMs)} for ${outcome.populationSize.toLocaleString("en-US")} entitlements; load average at the end ${load()}`);
  } finally {
    await closeDatabase();
  }
} finally {
  await sql.end();
  await target.drop();
}
