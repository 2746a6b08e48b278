import os from "node:os";
import postgres from "postgres";
import { migrateDatabase } from "@/db/migrate";
import { benchDatabase } from "../authorize/harness";

/**
 * `npm run bench -- review-queue`: the "My reviews" page query for a reviewer
 * holding REVIEWER_ITEMS=10000 open items among TOTAL_ITEMS=100000, through the
 * same `listReviewQueue` the page calls (risk ranking, reviewer context joins,
 * keyset cursor). Baseline, interleaved in the same run: the bare indexed
 * range read of 50 of that reviewer's items with no joins or ranking.
 * Reports medians of ROUNDS rounds for the first page and a deep page.
 */
const REVIEWER_ITEMS = Number(process.env.REVIEWER_ITEMS ?? 10_000);
const TOTAL_ITEMS = Number(process.env.TOTAL_ITEMS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 31);

async function build(sql: postgres.Sql): Promise<string> {
  const [reviewer] = await sql<{ id: string }[]>`
    insert into users (email, name, roles) values ('reviewer@bench.test', 'Bench Reviewer', '{business_owner}') returning id`;
  const [other] = await sql<{ id: string }[]>`
    insert into users (email, name, roles) values ('other@bench.test', 'Other Reviewer', '{business_owner}') returning id`;
  const [identity] = await sql<{ id: string }[]>`
    insert into users (email, name, roles) values ('idowner@bench.test', 'Identity Owner', '{identity_owner}') returning id`;
  await sql`
    insert into workflows (name, purpose, business_owner_id, identity_owner_id, autonomy, status)
    select 'bench workflow ' || g, 'bench', ${reviewer!.id}, ${identity!.id}, (array['assistive','automated','autonomous'])[1 + g % 3]::autonomy, 'active'
    from generate_series(1, 200) g`;
  await sql`
    insert into data_sets (name, system, sensitivity, environment)
    select 'bench data set ' || g, 'bench', (array['internal','confidential','restricted'])[1 + g % 3]::sensitivity, 'prod'
    from generate_series(1, 300) g`;
  await sql`
    insert into nhis (name, kind, provider, external_id, environment, classification, last_used_at)
    select 'bench-nhi-' || g, 'service_account', 'custom', 'bench:' || g, 'prod',
           case when g % 17 = 0 then 'privileged' else 'utility' end::classification, now() - (g % 90) * interval '1 day'
    from generate_series(1, ${TOTAL_ITEMS}) g`;
  await sql`
    insert into entitlements (workflow_id, nhi_id, data_set_id, actions, status, justification, next_review_at,
                              business_approved_by_id, business_approved_at, identity_approved_by_id, identity_approved_at)
    select w.id, n.id, d.id, '{read}', 'active', 'bench', now() + (n.g % 20) * interval '1 day', ${reviewer!.id}, now(), ${identity!.id}, now()
    from (select id, substring(external_id from 7)::int as g from nhis) n
    join (select id, row_number() over (order by id) - 1 as r from workflows) w on w.r = n.g % 200
    join (select id, row_number() over (order by id) - 1 as r from data_sets) d on d.r = n.g % 300`;
  await sql`
    insert into review_items (entitlement_id, reviewer_id, due_at)
    select e.id, case when row_number() over (order by e.id) <= ${REVIEWER_ITEMS} then ${reviewer!.id}::uuid else ${other!.id}::uuid end, e.next_review_at
    from entitlements e`;
  await sql.unsafe("vacuum analyze");
  return reviewer!.id;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const bench = await benchDatabase("cs_bench_reviews");
  const sql = postgres(bench.url, { max: 2, onnotice: () => {} });
  try {
    await migrateDatabase(bench.url);
    process.env.DATABASE_URL = bench.url;
    const reviewerId = bench.fresh ? await build(sql) : (await sql<{ id: string }[]>`select id from users where email = 'reviewer@bench.test'`)[0]!.id;
    // Imported after DATABASE_URL points at the bench database (db/index.ts connects lazily from it).
    const { userActor } = await import("@/lib/domain/actor");
    const { listReviewQueue } = await import("@/lib/domain/reviews/list-reviews");
    const actor = userActor({ id: reviewerId, email: "reviewer@bench.test", roles: ["business_owner"] });

    let deepCursor: string | null = null;
    for (let i = 0, page = await listReviewQueue(actor, { limit: 500 }); i < 10 && page.nextCursor; i++) {
      deepCursor = page.nextCursor;
      page = await listReviewQueue(actor, { limit: 500, cursor: page.nextCursor });
    }
    const timings = { baseline: [] as number[], first: [] as number[], deep: [] as number[] };
    const time = async (list: number[], run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      list.push(performance.now() - started);
    };
    for (let round = 0; round < ROUNDS; round++) {
      await time(timings.baseline, () => sql`
        select id, entitlement_id, due_at from review_items
        where reviewer_id = ${reviewerId} and status = 'pending' order by due_at, id limit 50`);
      await time(timings.first, () => listReviewQueue(actor, { limit: 50 }));
      await time(timings.deep, () => listReviewQueue(actor, { limit: 50, cursor: deepCursor! }));
    }
    const base = median(timings.baseline);
    console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`items: ${TOTAL_ITEMS} (${REVIEWER_ITEMS} for the reviewer); ${ROUNDS} rounds, medians:`);
    console.log(`  baseline indexed range read : ${base.toFixed(1)} ms`);
    console.log(`  My reviews, first page      : ${median(timings.first).toFixed(1)} ms (${(median(timings.first) / base).toFixed(1)}× baseline)`);
    console.log(`  My reviews, page after 5,000: ${median(timings.deep).toFixed(1)} ms (${(median(timings.deep) / base).toFixed(1)}× baseline)`);
  } finally {
    await sql.end();
    const { closeDatabase } = await import("@/db");
    await closeDatabase().catch(() => {});
    await bench.drop();
  }
}

await main();
